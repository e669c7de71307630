namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The answer of <see cref="Connector.OnActionAsync"/>: <see cref="Completed"/> (204), <see cref="Pending"/> (202 PENDING),
/// <see cref="Failed"/> (202 FAILED with a message), <see cref="BadRequest"/> (400) or <see cref="Forbidden"/> (403).
/// </summary>
public sealed class ActionOutcome
{
    private static readonly ActionOutcome CompletedOutcome = new(ActionOutcomeKind.Completed, null);
    private static readonly ActionOutcome PendingOutcome = new(ActionOutcomeKind.Pending, null);

    private ActionOutcome(ActionOutcomeKind kind, string? message)
    {
        Kind = kind;
        Message = message;
    }

    /// <summary>What kind of answer this is.</summary>
    public ActionOutcomeKind Kind { get; }

    /// <summary>Why the action failed or was refused; sent to the platform.</summary>
    public string? Message { get; }

    /// <summary>The action is done: <c>204 No Content</c>.</summary>
    /// <returns>The outcome.</returns>
    public static ActionOutcome Completed() => CompletedOutcome;

    /// <summary>
    /// The action still runs: <c>202 Accepted</c> with status PENDING. Finish it later with
    /// <see cref="IConnectorPlatform.CompleteActionAsync"/> or <see cref="IConnectorPlatform.FailActionAsync"/>.
    /// </summary>
    /// <returns>The outcome.</returns>
    public static ActionOutcome Pending() => PendingOutcome;

    /// <summary>The action failed: <c>202 Accepted</c> with status FAILED and <paramref name="message"/>.</summary>
    /// <param name="message">Why it failed; required, so a failure is never mistaken for success.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome Failed(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(ActionOutcomeKind.Failed, message);
    }

    /// <summary>The parameters are missing or invalid: <c>400</c>.</summary>
    /// <param name="message">What is wrong with the parameters.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome BadRequest(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(ActionOutcomeKind.BadRequest, message);
    }

    /// <summary>The action is not allowed: <c>403</c>.</summary>
    /// <param name="message">Why it is not allowed.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome Forbidden(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(ActionOutcomeKind.Forbidden, message);
    }
}
