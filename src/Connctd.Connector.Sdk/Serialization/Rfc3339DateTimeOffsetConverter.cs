using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Serialization;

/// <summary>
/// Writes timestamps as RFC 3339 in UTC with a <c>Z</c> suffix (<c>2020-10-07T10:00:00Z</c>), as the platform and
/// the Go SDK do; reads any ISO 8601 / RFC 3339 timestamp.
/// </summary>
public sealed class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
