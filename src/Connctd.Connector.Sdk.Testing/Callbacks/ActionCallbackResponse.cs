using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing.Internal;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>What a connector answered to an action callback, and the action status the platform concluded from it.</summary>
public sealed class ActionCallbackResponse : CallbackResponse
{
    internal ActionCallbackResponse(CallbackExchange exchange, string actionRequestId, ActionStatus status, string? error)
        : base(exchange)
    {
        ActionRequestId = actionRequestId;
        Status = status;
        Error = error;
    }

    /// <summary>The action request id that was sent.</summary>
    public string ActionRequestId { get; }

    /// <summary>
    /// The status as the platform takes it from the answer: <see cref="ActionStatus.Completed"/> for 204, the body's
    /// status (<see cref="ActionStatus.Pending"/> or <see cref="ActionStatus.Failed"/>) for 202, and
    /// <see cref="ActionStatus.Failed"/> for anything else. A refused bad callback has <see cref="ActionStatus.Unknown"/>.
    /// </summary>
    public ActionStatus Status { get; }

    /// <summary>The error message of a 202 FAILED answer, or the error code of a refusal.</summary>
    public string? Error { get; }
}
