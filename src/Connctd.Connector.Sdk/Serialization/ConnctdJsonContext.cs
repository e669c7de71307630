using System.Text.Json;
using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Serialization;

/// <summary>
/// Source-generated JSON metadata for every protocol message. Property names are camelCase; unknown
/// properties are ignored (the platform may add fields); duplicate properties, nesting deeper than
/// 32 levels and <c>null</c> where the model's nullable annotations allow none are refused (a <c>null</c> is
/// also refused when writing, so an invalid model fails loudly instead of sending <c>null</c> to the platform).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    MaxDepth = 32,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(InstallationRequest))]
[JsonSerializable(typeof(InstantiationRequest))]
[JsonSerializable(typeof(ActionRequest))]
[JsonSerializable(typeof(SetupResponse))]
[JsonSerializable(typeof(ActionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(CreateThingRequest))]
[JsonSerializable(typeof(CreateThingResponse))]
[JsonSerializable(typeof(PropertyValueUpdate))]
[JsonSerializable(typeof(ThingStatusUpdate))]
[JsonSerializable(typeof(ActionRequestUpdate))]
[JsonSerializable(typeof(StateUpdate))]
[JsonSerializable(typeof(Thing))]
[JsonSerializable(typeof(IReadOnlyList<ConfigurationValue>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ConnctdJsonContext : JsonSerializerContext;
