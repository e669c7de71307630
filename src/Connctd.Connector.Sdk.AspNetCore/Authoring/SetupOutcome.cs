using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The answer of <see cref="Connector.OnInstallAsync"/> or <see cref="Connector.OnInstantiateAsync"/>:
/// <see cref="Completed"/> (201), <see cref="Ongoing"/> (202 with a further step), or a refusal
/// (<see cref="Unauthorized"/> 401, <see cref="Forbidden"/> 403).
/// </summary>
public sealed class SetupOutcome
{
    private static readonly SetupOutcome CompletedOutcome = new(SetupOutcomeKind.Completed, null, null, null);

    private SetupOutcome(SetupOutcomeKind kind, FurtherStep? furtherStep, JsonElement? details, string? message)
    {
        Kind = kind;
        FurtherStep = furtherStep;
        Details = details;
        Message = message;
    }

    /// <summary>What kind of answer this is.</summary>
    public SetupOutcomeKind Kind { get; }

    /// <summary>The step the user must take next (<see cref="SetupOutcomeKind.Ongoing"/> only).</summary>
    public FurtherStep? FurtherStep { get; }

    /// <summary>JSON details sent with an <see cref="SetupOutcomeKind.Ongoing"/> answer.</summary>
    public JsonElement? Details { get; }

    /// <summary>Why the configuration was refused; sent to the platform as the error description.</summary>
    public string? Message { get; }

    /// <summary>Set up completely: <c>201 Created</c>.</summary>
    /// <returns>The outcome.</returns>
    public static SetupOutcome Completed() => CompletedOutcome;

    /// <summary>More steps are needed: <c>202 Accepted</c> with the step; report the final state later through <see cref="IConnectorPlatform"/>.</summary>
    /// <param name="furtherStep">The step the user must take, for example <see cref="FurtherStep.RedirectTo(Uri)"/>.</param>
    /// <param name="details">Optional JSON details for the platform.</param>
    /// <returns>The outcome.</returns>
    public static SetupOutcome Ongoing(FurtherStep furtherStep, JsonElement? details = null)
    {
        ArgumentNullException.ThrowIfNull(furtherStep);
        return new(SetupOutcomeKind.Ongoing, furtherStep, details, null);
    }

    /// <summary>Refuses the configuration as unauthorized (for example rejected credentials): <c>401</c>.</summary>
    /// <param name="message">Why; shown to the app. Never put secrets here.</param>
    /// <returns>The outcome.</returns>
    public static SetupOutcome Unauthorized(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(SetupOutcomeKind.Unauthorized, null, null, message);
    }

    /// <summary>Refuses the configuration (for example an unknown region): <c>403</c>.</summary>
    /// <param name="message">Why; shown to the app. Never put secrets here.</param>
    /// <returns>The outcome.</returns>
    public static SetupOutcome Forbidden(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(SetupOutcomeKind.Forbidden, null, null, message);
    }
}
