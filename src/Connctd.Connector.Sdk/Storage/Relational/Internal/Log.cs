using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>Log messages of the relational stores (event ids 1300–1399). Never a token or a configuration value.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Instance {InstanceId} not stored: its installation {InstallationId} is not known")]
    public static partial void InstallationMissing(ILogger logger, string instanceId, string installationId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Thing {ExternalId} not stored: its instance {InstanceId} is not known")]
    public static partial void ThingInstanceMissing(ILogger logger, string instanceId, string externalId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Action request {ActionRequestId} not stored: its instance {InstanceId} is not known")]
    public static partial void ActionInstanceMissing(ILogger logger, string actionRequestId, string instanceId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Thing id {ThingId} for thing {ExternalId} of instance {InstanceId} is already mapped to another thing")]
    public static partial void ThingIdTaken(ILogger logger, string thingId, string instanceId, string externalId);
}
