using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Storage.Relational.Internal;

/// <summary>Source-generated JSON metadata for the values the relational stores keep as JSON beside the protocol's (the ids of protected configuration values).</summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
