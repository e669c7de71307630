using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>
/// The body of a <c>202 Accepted</c> answer to an installation or instantiation callback (the protocol's
/// InstallationResponse and InstantiationResponse, which have the same shape).
/// </summary>
public sealed class SetupResponse
{
    /// <summary>Any JSON the connector wants the platform to keep with the installation or instance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Details { get; init; }

    /// <summary>The step the user must take next.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FurtherStep? FurtherStep { get; init; }
}
