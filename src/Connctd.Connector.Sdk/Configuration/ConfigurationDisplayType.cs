using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Configuration;

/// <summary>How a configuration parameter is shown to whoever fills it in.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<ConfigurationDisplayType>))]
public enum ConfigurationDisplayType
{
    /// <summary>A display type the SDK does not know; never valid in a declaration. Values of such parameters are masked.</summary>
    Unknown = 0,

    /// <summary>Shown as typed (<c>PLAIN</c>).</summary>
    Plain,

    /// <summary>Hidden while typed (<c>PASSWORD</c>). The SDK masks such values in every log and diagnostic output.</summary>
    Password,
}
