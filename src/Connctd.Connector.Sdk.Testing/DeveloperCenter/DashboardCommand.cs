namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>The body of a dashboard command; each command reads the members it needs and refuses a missing one.</summary>
internal sealed record DashboardCommand
{
    public string? Id { get; init; }

    public string? InstallationId { get; init; }

    public IReadOnlyDictionary<string, string>? Configuration { get; init; }

    public string? ThingId { get; init; }

    public string? ComponentId { get; init; }

    public string? ActionId { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>For a bad callback: <c>WrongKey</c>, <c>TamperedBody</c>, <c>StaleDate</c>, <c>MissingSignature</c>, <c>MissingDate</c>.</summary>
    public string? Signing { get; init; }

    /// <summary>For a fault: <c>fail</c>, <c>rateLimit</c>, <c>latency</c>, <c>drop</c> or <c>clear</c>.</summary>
    public string? Fault { get; init; }

    public int? Count { get; init; }

    public int? StatusCode { get; init; }

    public int? Milliseconds { get; init; }

    public int? Seconds { get; init; }

    /// <summary>Only this kind of platform call (a <see cref="PlatformOperation"/> name), or every call.</summary>
    public string? Operation { get; init; }
}

/// <summary>What the connector answered to a command's callback.</summary>
internal sealed record DashboardCommandResult(string Id, int StatusCode, string Outcome, string? ErrorCode, string? Description);
