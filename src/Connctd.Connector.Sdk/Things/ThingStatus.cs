using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Things;

/// <summary>Whether a thing can be reached. Travels as <c>UNKNOWN</c>, <c>AVAILABLE</c>, <c>UNAVAILABLE</c>.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<ThingStatus>))]
public enum ThingStatus
{
    /// <summary>Not known (also any status the SDK does not know).</summary>
    Unknown = 0,

    /// <summary>Reachable.</summary>
    Available,

    /// <summary>Not reachable, for example while the device or its cloud API is down.</summary>
    Unavailable,
}
