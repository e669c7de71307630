namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// Thrown by the <c>WaitFor…</c> assertions of <see cref="FakeConnctdPlatform"/> when the expectation did not hold
/// within the timeout. The message says what was expected and what the platform had received.
/// </summary>
public sealed class FakePlatformTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public FakePlatformTimeoutException()
        : this("The fake platform did not receive what was expected in time.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FakePlatformTimeoutException(string message)
        : base(message)
    {
        Expected = "";
        Observed = "";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FakePlatformTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = "";
        Observed = "";
    }

    /// <summary>Creates the exception for an expectation that timed out.</summary>
    /// <param name="expected">What was expected.</param>
    /// <param name="observed">What the platform had received when the time was up.</param>
    /// <param name="timeout">How long was waited.</param>
    public FakePlatformTimeoutException(string expected, string observed, TimeSpan timeout)
        : base($"Waited {timeout.TotalSeconds:0.###} s for {expected}, but {observed}.")
    {
        Expected = expected;
        Observed = observed;
        Timeout = timeout;
    }

    /// <summary>What was expected, for example <c>property lamp/on of thing thing-1 to be "true"</c>.</summary>
    public string Expected { get; }

    /// <summary>What the platform had received when the time was up.</summary>
    public string Observed { get; }

    /// <summary>How long was waited.</summary>
    public TimeSpan Timeout { get; }
}
