using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Source-generated reading of the management API's answers: camelCase, unknown fields ignored, duplicates refused.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 64)]
[JsonSerializable(typeof(PublicationDto))]
[JsonSerializable(typeof(List<PublicationDto?>))]
[JsonSerializable(typeof(InstallationDto))]
[JsonSerializable(typeof(List<InstallationDto?>))]
[JsonSerializable(typeof(InstanceDto))]
[JsonSerializable(typeof(List<InstanceDto?>))]
[JsonSerializable(typeof(RemovalDto))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
