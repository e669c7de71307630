using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing.Internal;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>What a connector answered to an installation or instantiation callback, and the state the platform concluded from it.</summary>
public sealed class SetupCallbackResponse : CallbackResponse
{
    internal SetupCallbackResponse(CallbackExchange exchange, string id, LifecycleState state, FurtherStep? furtherStep, JsonElement? details)
        : base(exchange)
    {
        Id = id;
        State = state;
        FurtherStep = furtherStep;
        Details = details;
    }

    /// <summary>The installation or instance id that was sent.</summary>
    public string Id { get; }

    /// <summary>
    /// The state as the platform takes it from the answer: <see cref="LifecycleState.Complete"/> for 201,
    /// <see cref="LifecycleState.Ongoing"/> for 202 with a well-formed body, <see cref="LifecycleState.Failed"/> for 401
    /// and 403, <see cref="LifecycleState.Error"/> for anything else. A refused bad callback has <see cref="LifecycleState.Unknown"/>.
    /// </summary>
    public LifecycleState State { get; }

    /// <summary>The further step of a 202 answer, if any.</summary>
    public FurtherStep? FurtherStep { get; }

    /// <summary>The details of a 202 answer, if any.</summary>
    public JsonElement? Details { get; }
}
