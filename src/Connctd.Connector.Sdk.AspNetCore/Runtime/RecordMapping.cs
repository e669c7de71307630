using Connctd.Connector.Sdk.AspNetCore.Storage;
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
}
