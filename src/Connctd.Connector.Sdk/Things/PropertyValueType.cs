using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Things;

/// <summary>The type of a property's or action parameter's value. Values always travel as strings.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<PropertyValueType>))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The protocol's own names: STRING, NUMBER, BOOLEAN.")]
public enum PropertyValueType
{
    /// <summary>A type the SDK does not know; never valid on a thing the connector creates.</summary>
    Unknown = 0,

    /// <summary>Text.</summary>
    String,

    /// <summary>A number, written with invariant culture (<c>42</c>, <c>21.5</c>).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}
