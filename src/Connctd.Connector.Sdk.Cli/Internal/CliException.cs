namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>A failure the tool reports with a message and an exit code of its own (a usage error, a bad input file).</summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(CliExitCodes.Usage, "The command failed.")
    {
    }

    public CliException(string message)
        : this(CliExitCodes.Usage, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = CliExitCodes.Usage;
        Code = "USAGE";
    }

    public CliException(int exitCode, string message, string? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Code = code ?? (exitCode == CliExitCodes.InvalidInput ? "INVALID_INPUT" : "USAGE");
    }

    public int ExitCode { get; }

    public string Code { get; }

    /// <summary>Further lines to show, for example each problem of a manifest.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}
