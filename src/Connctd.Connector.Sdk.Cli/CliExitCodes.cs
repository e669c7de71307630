namespace Connctd.Connector.Sdk.Cli;

/// <summary>The exit codes scripts can rely on (documented in README.md).</summary>
internal static class CliExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The remote side refused or failed: GraphQL errors, an error status, or a callback the connector did not accept.</summary>
    public const int RemoteFailure = 1;

    /// <summary>The command line is wrong, or a needed setting or secret is missing.</summary>
    public const int Usage = 2;

    /// <summary>An input file (manifest, key) is missing, unreadable or invalid.</summary>
    public const int InvalidInput = 3;

    /// <summary>The credentials or the token were refused.</summary>
    public const int AuthenticationFailed = 4;

    /// <summary>The remote side could not be reached or did not answer in time.</summary>
    public const int Unreachable = 5;

    /// <summary>The command was interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
