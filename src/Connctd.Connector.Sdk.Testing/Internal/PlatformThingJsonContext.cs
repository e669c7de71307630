using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>Source-generated JSON for rewriting a request body (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class PlatformThingJsonContext : JsonSerializerContext;
