using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Log messages of the replay cache.</summary>
internal static partial class Log
{
    [LoggerMessage(3094, LogLevel.Warning, "Callback about {Subject} signed at {SignedAt:O} refused as a replay ({Reason}).")]
    public static partial void CallbackReplayRefused(ILogger logger, string subject, DateTimeOffset signedAt, string reason);
}
