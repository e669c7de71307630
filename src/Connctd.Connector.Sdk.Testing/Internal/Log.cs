using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>The fake platform's log messages (event ids 4000–4099). Tokens are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Fake connctd platform listening on {PlatformUrl}.")]
    public static partial void Listening(ILogger logger, Uri platformUrl);

    [LoggerMessage(4001, LogLevel.Debug, "Platform API {Method} {Path}: answered {StatusCode}.")]
    public static partial void Answered(ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(4002, LogLevel.Warning, "Platform API {Method} {Path}: refused with {StatusCode} {ErrorCode}: {Description}")]
    public static partial void Refused(ILogger logger, string method, string path, int statusCode, string errorCode, string? description);

    [LoggerMessage(4003, LogLevel.Information, "Platform API {Method} {Path}: injected fault {Fault} (status {StatusCode}).")]
    public static partial void FaultInjected(ILogger logger, string method, string path, PlatformFaultKind fault, int statusCode);

    [LoggerMessage(4004, LogLevel.Debug, "Callback {Method} {Target} (signing {Signing}): connector answered {StatusCode}.")]
    public static partial void CallbackSent(ILogger logger, string method, string target, CallbackSigning signing, int statusCode);

    [LoggerMessage(4005, LogLevel.Information, "Fake connctd platform on {PlatformUrl} stopped.")]
    public static partial void Stopped(ILogger logger, Uri platformUrl);
}
