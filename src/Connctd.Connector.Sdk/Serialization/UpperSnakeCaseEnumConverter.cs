using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Serialization;

/// <summary>
/// Reads and writes an enum as its UPPER_SNAKE_CASE name (<c>COMPLETED</c>, <c>AVAILABLE</c>), the way the
/// platform spells them. A name the SDK does not know reads as the enum's zero value (<c>Unknown</c>), so a
/// value the platform adds later never breaks a connector.
/// </summary>
/// <typeparam name="TEnum">An enum whose zero value means "unknown".</typeparam>
public sealed class UpperSnakeCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName = Enum.GetValues<TEnum>()
        .ToFrozenDictionary(value => ToUpperSnakeCase(value.ToString()), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>()
        .Distinct()
        .ToFrozenDictionary(value => value, value => ToUpperSnakeCase(value.ToString()));

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}.");
        }

        string? name = reader.GetString();
        return name is not null && ByName.TryGetValue(name, out TEnum value) ? value : default;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ByValue.TryGetValue(value, out string? name) ? name : ToUpperSnakeCase(value.ToString()));
    }

    private static string ToUpperSnakeCase(string name) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(name);
}
