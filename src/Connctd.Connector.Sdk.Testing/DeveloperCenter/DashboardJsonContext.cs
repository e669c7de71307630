using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>Source-generated JSON of the dashboard (camelCase; unknown members of a command are refused).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16)]
[JsonSerializable(typeof(DashboardSnapshot))]
[JsonSerializable(typeof(DashboardCommand))]
[JsonSerializable(typeof(DashboardCommandResult))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
