using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Configuration;

/// <summary>The type of a configuration parameter's value. Values always travel as strings; the type says how they must parse.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<ConfigurationValueType>))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The platform's own names: STRING, NUMBER, BOOLEAN.")]
public enum ConfigurationValueType
{
    /// <summary>A type the SDK does not know; never valid in a declaration.</summary>
    Unknown = 0,

    /// <summary>Any text (<c>STRING</c>).</summary>
    String,

    /// <summary>A number written with invariant culture, for example <c>42</c> or <c>-1.5e3</c> (<c>NUMBER</c>).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>, in any case (<c>BOOLEAN</c>).</summary>
    Boolean,
}
