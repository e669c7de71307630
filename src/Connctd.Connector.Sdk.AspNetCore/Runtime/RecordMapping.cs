using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>Turns stored records into the types connector authors see.</summary>
internal static class RecordMapping
{
    public static Installation ToInstallation(this InstallationRecord record) => new()
    {
        Id = record.Id,
        Configuration = new ConfigurationValues(record.Configuration),
        State = record.State,
    };

    public static Instance ToInstance(this InstanceRecord record) => new()
    {
        Id = record.Id,
        InstallationId = record.InstallationId,
        Configuration = new ConfigurationValues(record.Configuration),
        State = record.State,
    };
}
