using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Serialization;

/// <summary>The nullable form of <see cref="Rfc3339DateTimeOffsetConverter"/>.</summary>
public sealed class NullableRfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly Rfc3339DateTimeOffsetConverter Inner = new();

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Inner.Write(writer, value.Value, options);
        }
    }
}
