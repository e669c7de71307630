using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>An installation or instance state the connector reported through the state API and the platform accepted.</summary>
/// <param name="Id">The installation or instance id (taken from the token that sent it).</param>
/// <param name="State">The state reported.</param>
/// <param name="Details">The details sent, if any.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
public sealed record RecordedStateUpdate(string Id, LifecycleState State, JsonElement? Details, DateTimeOffset ReceivedAt);
