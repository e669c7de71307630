using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Security;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>Turns stored records into the types connector authors see: secret configuration values decrypted, and masked but on purpose.</summary>
internal static class RecordMapping
{
    public static Installation ToInstallation(this InstallationRecord record, ConfigurationProtector configuration) => new()
    {
        Id = record.Id,
        Configuration = configuration.ToValues(record),
        State = record.State,
    };

    public static Instance ToInstance(this InstanceRecord record, ConfigurationProtector configuration) => new()
    {
        Id = record.Id,
        InstallationId = record.InstallationId,
        Configuration = configuration.ToValues(record),
        State = record.State,
    };

    /// <summary>What the installation hooks get for a stored installation.</summary>
    public static InstallationContext ToContext(
        this InstallationRecord record, InstallationToken token, IConnectorPlatform platform, ConfigurationProtector configuration) => new()
    {
        Installation = record.ToInstallation(configuration),
        Token = token,
        Platform = platform,
    };

    /// <summary>What the instance hooks get for a stored instance of a stored installation.</summary>
    public static InstanceContext ToContext(
        this InstanceRecord record, InstallationRecord installation, InstanceToken token, IConnectorPlatform platform, ConfigurationProtector configuration) => new()
    {
        Instance = record.ToInstance(configuration),
        Installation = installation.ToInstallation(configuration),
        Token = token,
        Platform = platform,
    };
}
