namespace ConsentConnector;

/// <summary>The consent sample's log lines; never a token, never the consent state.</summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Information, "Installation {InstallationId}: waiting for consent (answered 202 with a REDIRECT step).")]
    public static partial void ConsentRequested(ILogger logger, string installationId);

    [LoggerMessage(201, LogLevel.Information, "Installation {InstallationId}: consent {Decision}, reported to the platform.")]
    public static partial void ConsentAnswered(ILogger logger, string installationId, string decision);

    [LoggerMessage(202, LogLevel.Warning, "Installation {InstallationId}: reporting the consent to the platform failed.")]
    public static partial void ConsentNotReported(ILogger logger, Exception exception, string installationId);
}
