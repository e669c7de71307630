using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Configuration.Internal;

/// <summary>
/// JSON of manifest files: camelCase, indented, strict about what it reads (an unknown or misspelt field, a
/// duplicate field or a <c>null</c> where none is allowed is an error, so a typo in a manifest is not silently lost).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32)]
[JsonSerializable(typeof(ManifestDocument))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
