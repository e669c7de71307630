using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the update-property-value call: <c>{"value":"...","lastUpdate":"&lt;RFC 3339&gt;"}</c>.</summary>
/// <param name="Value">The new value, as a string.</param>
/// <param name="LastUpdate">When the device reported the value.</param>
public sealed record PropertyValueUpdate(
    string Value,
    [property: JsonConverter(typeof(Rfc3339DateTimeOffsetConverter))] DateTimeOffset LastUpdate);
