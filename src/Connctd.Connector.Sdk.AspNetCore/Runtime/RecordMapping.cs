using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>Turns stored records into the types connector authors see.</summary>
internal static class RecordMapping
{
    public static Installation ToInstallation(this InstallationRecord record) =>
        new(record.Id, new ConfigurationValues(record.Configuration), record.State);

    public static Instance ToInstance(this InstanceRecord record) =>
        new(record.Id, record.InstallationId, new ConfigurationValues(record.Configuration), record.State);
}
