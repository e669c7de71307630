using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>Log messages of the PostgreSQL store's callback locks.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "A callback lock could not be released explicitly; its connection is closed, which releases it")]
    public static partial void CallbackUnlockFailed(ILogger logger, Exception exception);
}
