using System.Globalization;
using System.Text;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Makes text a client sent (ids, paths, parameter ids) safe to put in a log line: control characters (a CR or LF
/// would forge a line), bidi controls (they reorder what a reader sees), line and paragraph separators, unpaired
/// surrogates and the backslash are written as <c>\uXXXX</c> escapes (the backslash as <c>\\</c>). Text without any
/// of them is returned as it is, without an allocation.
/// </summary>
internal static class LogValue
{
    /// <summary>Returns <paramref name="text"/> with every unsafe character escaped; <c>-</c> for null.</summary>
    public static string Escape(string? text)
    {
        if (text is null)
        {
            return "-";
        }

        int first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int index = first; index < text.Length; index++)
        {
            char c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                escaped.Append(c).Append(text[++index]);
            }
            else if (c == '\\')
            {
                escaped.Append(@"\\");
            }
            else if (IsUnsafe(c))
            {
                escaped.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (int index = 0; index < text.Length; index++)
        {
            char c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (c == '\\' || IsUnsafe(c))
            {
                return index;
            }
        }

        return -1;
    }

    // Surrogates reaching here are unpaired (pairs are skipped by the callers).
    private static bool IsUnsafe(char c) => char.IsControl(c) || char.IsSurrogate(c) || Endpoints.CallbackIdRules.IsInvisibleControl(c);
}
