using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connctd.Connector.Sdk.Serialization.Internal;

/// <summary>
/// Reads and writes a flat JSON object of string values (the parameters of an action request) with the same rules
/// as the built-in dictionary converter under <see cref="ConnctdJsonContext"/>'s options: an object is required, every
/// value must be a string (no <c>null</c>, numbers or nesting) and a name may appear once.
/// </summary>
/// <remarks>
/// Exists for speed: the built-in dictionary converter pushes a serializer frame for the nested object, which
/// allocates the serializer's frame stack (about 470 bytes) on every action callback. A value converter reads the
/// object in place. An empty object reads as an empty read-only dictionary, allocating nothing.
/// </remarks>
internal sealed class StringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object whose values are strings.");
        }

        Dictionary<string, string>? map = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            // The reader guarantees a property name here: the object is well-formed JSON.
            string name = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The value of '{name}' must be a string.");
            }

            map ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (!map.TryAdd(name, reader.GetString()!))
            {
                throw new JsonException($"'{name}' appears more than once.");
            }
        }

        return map is null ? ReadOnlyDictionary<string, string>.Empty : map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (KeyValuePair<string, string> pair in value)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }
}
