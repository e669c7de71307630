using System.Text.Json;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Writes GraphQL request bodies: <c>{"query":…,"operationName":…,"variables":{…}}</c>.</summary>
internal static class GraphQLVariables
{
    public static byte[] BuildRequest(string document, string? operationName, Action<Utf8JsonWriter>? writeVariables)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", document);
            if (operationName is not null)
            {
                writer.WriteString("operationName", operationName);
            }

            writer.WritePropertyName("variables");
            writer.WriteStartObject();
            writeVariables?.Invoke(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the <c>configuration</c> list: <c>[{"configurationParameterId":…,"value":…}]</c>.</summary>
    public static void WriteConfiguration(Utf8JsonWriter writer, IEnumerable<ConfigurationValue> values)
    {
        writer.WriteStartArray();
        foreach (ConfigurationValue value in values)
        {
            writer.WriteStartObject();
            writer.WriteString("configurationParameterId", value.Id);
            writer.WriteString("value", value.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a manifest as the <c>publishConnector</c> input; absent optional URLs are left out.</summary>
    public static void WriteManifest(Utf8JsonWriter writer, ConnectorManifest manifest)
    {
        writer.WriteStartObject();
        writer.WriteString("name", manifest.Name);
        WriteUrl(writer, "logoUrl", manifest.LogoUrl);
        WriteUrl(writer, "homeUrl", manifest.HomeUrl);
        writer.WriteString("description", manifest.Description);
        writer.WriteString("requirements", manifest.Requirements ?? "");
        writer.WriteString("mode", JsonNamingPolicy.SnakeCaseUpper.ConvertName(manifest.Mode.ToString()));
        writer.WriteStartArray("tags");
        foreach (string tag in manifest.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("configurationParameters");
        WriteParameters(writer, manifest.ConfigurationParameters);
        writer.WritePropertyName("customerConfigurationParameters");
        WriteParameters(writer, manifest.CustomerConfigurationParameters);
        WriteUrl(writer, "installationCallbackUrl", manifest.InstallationCallbackUrl);
        WriteUrl(writer, "instanceCallbackUrl", manifest.InstanceCallbackUrl);
        WriteUrl(writer, "actionCallbackUrl", manifest.ActionCallbackUrl);
        writer.WriteEndObject();
    }

    private static void WriteParameters(Utf8JsonWriter writer, IEnumerable<ConfigurationParameter> parameters)
    {
        writer.WriteStartArray();
        foreach (ConfigurationParameter parameter in parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("id", parameter.Id);
            writer.WriteString("name", parameter.Name);
            writer.WriteBoolean("required", parameter.Required);
            writer.WriteString("description", parameter.Description);
            writer.WriteString("valueType", JsonNamingPolicy.SnakeCaseUpper.ConvertName(parameter.ValueType.ToString()));
            writer.WriteString("displayType", JsonNamingPolicy.SnakeCaseUpper.ConvertName(parameter.DisplayType.ToString()));
            writer.WriteString("validationExpression", parameter.ValidationExpression);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteUrl(Utf8JsonWriter writer, string name, Uri? url)
    {
        if (url is not null)
        {
            writer.WriteString(name, url.OriginalString);
        }
    }
}
