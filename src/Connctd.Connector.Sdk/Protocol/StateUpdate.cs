using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the update-installation-state and update-instance-state calls: <c>{"state":2,"details":...}</c>.</summary>
/// <param name="State"><see cref="LifecycleState.Complete"/>, <see cref="LifecycleState.Ongoing"/> or <see cref="LifecycleState.Failed"/>.</param>
/// <param name="Details">Any JSON to keep with the state.</param>
public sealed record StateUpdate(
    LifecycleState State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Details = null);
