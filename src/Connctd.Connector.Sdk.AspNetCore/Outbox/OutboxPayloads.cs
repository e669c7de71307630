using System.Text.Json;
using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore.Outbox;

internal sealed record PropertyPayload(
    string ThingId,
    string ComponentId,
    string PropertyId,
    string Value,
    [property: JsonConverter(typeof(Rfc3339DateTimeOffsetConverter))] DateTimeOffset LastUpdate);

internal sealed record ThingStatusPayload(string ThingId, ThingStatus Status);

internal sealed record DeleteThingPayload(string ThingId);

internal sealed record ActionResultPayload(string ActionRequestId, ActionStatus Status, string? Error);

internal sealed record StatePayload(LifecycleState State, JsonElement? Details);

/// <summary>The JSON of outbox payloads (internal to the runtime; stored as text).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PropertyPayload))]
[JsonSerializable(typeof(ThingStatusPayload))]
[JsonSerializable(typeof(DeleteThingPayload))]
[JsonSerializable(typeof(ActionResultPayload))]
[JsonSerializable(typeof(StatePayload))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
