namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>
/// What an id in a callback may be: installation, instance, action request, thing, component and action ids, in
/// bodies and in routes. At most <see cref="MaxLength"/> characters (so that a stored id always fits, percent-encoded,
/// in the request line of its DELETE, which Kestrel limits to 8 KiB), and no control characters, bidi controls
/// (overrides, embeddings, isolates, marks), line or paragraph separators or unpaired surrogates. An empty id is left
/// to the runtime, which refuses it with its own message.
/// </summary>
internal static class CallbackIdRules
{
    /// <summary>The longest id accepted, in UTF-16 code units. Worst case percent-encoded: 6 bytes each, 1,536 in all.</summary>
    public const int MaxLength = 256;

    /// <summary>Returns why <paramref name="id"/> is refused, or null when it is acceptable (or empty).</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (id.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        for (int index = 0; index < id.Length; index++)
        {
            char c = id[index];
            if (char.IsHighSurrogate(c) && index + 1 < id.Length && char.IsLowSurrogate(id[index + 1]))
            {
                index++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || IsInvisibleControl(c))
            {
                return "contains a control, bidi-control or separator character";
            }
        }

        return null;
    }

    /// <summary>
    /// The bidi controls (ALM, LRM, RLM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069) and
    /// the line and paragraph separators U+2028 / U+2029: invisible characters that change how a line is shown.
    /// </summary>
    public static bool IsInvisibleControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
