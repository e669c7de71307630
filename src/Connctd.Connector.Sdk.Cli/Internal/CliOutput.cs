using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>Writes results readable by people, or as JSON with <c>--json</c>.</summary>
internal sealed class CliOutput(CliEnvironment environment, bool json)
{
    public bool Json { get; } = json;

    public TextWriter Out => environment.Output;

    /// <summary>Indented JSON; non-ASCII text and characters such as '+' are written as they are, not as \u escapes.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo) => Out.WriteLine(ToJson(value, typeInfo));

    public static string ToJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteError(ErrorOutput error)
    {
        if (Json)
        {
            environment.Error.WriteLine(ToJson(error, CliJsonContext.Default.ErrorOutput));
            return;
        }

        environment.Error.WriteLine("error: " + error.Message);
        foreach (string detail in error.Details)
        {
            environment.Error.WriteLine("  " + detail);
        }
    }

    /// <summary>Writes rows as left-aligned columns under a header.</summary>
    public void WriteTable(string[] header, IEnumerable<string?[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows.Select(row => row.Select(cell => Clean(cell)).ToArray()));
        if (all.Count == 1)
        {
            Out.WriteLine("(none)");
            return;
        }

        int[] widths = new int[header.Length];
        foreach (string[] row in all)
        {
            for (int column = 0; column < header.Length; column++)
            {
                widths[column] = Math.Max(widths[column], row[column].Length);
            }
        }

        foreach (string[] row in all)
        {
            var line = new StringBuilder();
            for (int column = 0; column < header.Length; column++)
            {
                line.Append(column == header.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2));
            }

            Out.WriteLine(line.ToString().TrimEnd());
        }
    }

    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());

    /// <summary>One line per cell: control characters from the server never reach the terminal.</summary>
    private static string Clean(string? cell) =>
        string.IsNullOrEmpty(cell) ? "-" : new string(cell.Select(character => char.IsControl(character) ? ' ' : character).ToArray());
}
