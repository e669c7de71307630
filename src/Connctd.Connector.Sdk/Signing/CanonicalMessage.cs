using System.Text;

namespace Connctd.Connector.Sdk.Signing;

/// <summary>
/// Builds the byte string the connctd platform signs for every callback:
/// <c>(method):&lt;METHOD&gt;\r\n(url):&lt;scheme&gt;://&lt;host&gt;&lt;requestUri&gt;\r\n(Date):&lt;date&gt;\r\n(body):&lt;body&gt;</c>.
/// </summary>
/// <remarks>
/// <para>
/// Text parts are encoded as UTF-8 and the body is copied verbatim; there is no trailing line break.
/// Every part is used exactly as given: the method is not upper-cased, the host keeps its port when one
/// was sent, and <c>requestUri</c> must be the request target as received (escaped path plus
/// <c>?query</c>), never one rebuilt from decoded parts.
/// </para>
/// <para>
/// <see cref="Build"/> allocates an array; <see cref="GetByteCount"/> and <see cref="Write"/> let a
/// caller use its own (stack or pooled) buffer.
/// </para>
/// </remarks>
public static class CanonicalMessage
{
    private static ReadOnlySpan<byte> MethodLabel => "(method):"u8;

    private static ReadOnlySpan<byte> UrlLabel => "\r\n(url):"u8;

    private static ReadOnlySpan<byte> SchemeSeparator => "://"u8;

    private static ReadOnlySpan<byte> DateLabel => "\r\n(Date):"u8;

    private static ReadOnlySpan<byte> BodyLabel => "\r\n(body):"u8;

    private static int FixedLength =>
        MethodLabel.Length + UrlLabel.Length + SchemeSeparator.Length + DateLabel.Length + BodyLabel.Length;

    /// <summary>Builds the signed message into a new array.</summary>
    /// <param name="method">The HTTP method as sent, for example <c>POST</c>.</param>
    /// <param name="scheme">The scheme the platform called, normally <c>https</c>.</param>
    /// <param name="host">The <c>Host</c> header as sent, with the port when one was sent.</param>
    /// <param name="requestUri">The raw request target: escaped path plus <c>?query</c> when present.</param>
    /// <param name="date">The raw <c>Date</c> header value.</param>
    /// <param name="body">The raw request body bytes (empty when there is none).</param>
    /// <returns>The message bytes.</returns>
    /// <exception cref="ArgumentNullException">A text part is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The message would exceed the largest possible array.</exception>
    public static byte[] Build(string method, string scheme, string host, string requestUri, string date, ReadOnlySpan<byte> body)
    {
        var message = new byte[GetByteCount(method, scheme, host, requestUri, date, body)];
        WriteCore(method, scheme, host, requestUri, date, body, message);
        return message;
    }

    /// <summary>Gets the length, in bytes, of the message <see cref="Build"/> would return.</summary>
    /// <param name="method">The HTTP method as sent.</param>
    /// <param name="scheme">The scheme the platform called.</param>
    /// <param name="host">The <c>Host</c> header as sent.</param>
    /// <param name="requestUri">The raw request target.</param>
    /// <param name="date">The raw <c>Date</c> header value.</param>
    /// <param name="body">The raw request body bytes.</param>
    /// <returns>The number of bytes <see cref="Write"/> needs.</returns>
    /// <exception cref="ArgumentNullException">A text part is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The message would exceed the largest possible array.</exception>
    public static int GetByteCount(string method, string scheme, string host, string requestUri, string date, ReadOnlySpan<byte> body)
    {
        ThrowIfAnyNull(method, scheme, host, requestUri, date);
        if (!TryGetByteCount(method, scheme, host, requestUri, date, body.Length, out var count))
        {
            throw new ArgumentException(
                $"The signed message would be longer than {Array.MaxLength} bytes; the body is too large to sign.",
                nameof(body));
        }

        return count;
    }

    /// <summary>Writes the message into <paramref name="destination"/>.</summary>
    /// <param name="method">The HTTP method as sent.</param>
    /// <param name="scheme">The scheme the platform called.</param>
    /// <param name="host">The <c>Host</c> header as sent.</param>
    /// <param name="requestUri">The raw request target.</param>
    /// <param name="date">The raw <c>Date</c> header value.</param>
    /// <param name="body">The raw request body bytes.</param>
    /// <param name="destination">Where to write; at least <see cref="GetByteCount"/> bytes long.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException">A text part is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Write(
        string method, string scheme, string host, string requestUri, string date, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var count = GetByteCount(method, scheme, host, requestUri, date, body);
        if (destination.Length < count)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; the message needs {count}.", nameof(destination));
        }

        return WriteCore(method, scheme, host, requestUri, date, body, destination);
    }

    /// <summary>Computes the message length without throwing; false when it would not fit in an array.</summary>
    internal static bool TryGetByteCount(
        string method, string scheme, string host, string requestUri, string date, int bodyLength, out int count)
    {
        // UTF-8 needs at most 3 bytes per UTF-16 char, so long arithmetic cannot overflow here.
        var total = (long)FixedLength
            + Encoding.UTF8.GetByteCount(method)
            + Encoding.UTF8.GetByteCount(scheme)
            + Encoding.UTF8.GetByteCount(host)
            + Encoding.UTF8.GetByteCount(requestUri)
            + Encoding.UTF8.GetByteCount(date)
            + bodyLength;
        if (total > Array.MaxLength)
        {
            count = 0;
            return false;
        }

        count = (int)total;
        return true;
    }

    /// <summary>Writes the message; the caller has checked that <paramref name="destination"/> is long enough.</summary>
    internal static int WriteCore(
        string method, string scheme, string host, string requestUri, string date, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var position = 0;
        Append(MethodLabel, destination, ref position);
        Append(method, destination, ref position);
        Append(UrlLabel, destination, ref position);
        Append(scheme, destination, ref position);
        Append(SchemeSeparator, destination, ref position);
        Append(host, destination, ref position);
        Append(requestUri, destination, ref position);
        Append(DateLabel, destination, ref position);
        Append(date, destination, ref position);
        Append(BodyLabel, destination, ref position);
        Append(body, destination, ref position);
        return position;
    }

    private static void Append(ReadOnlySpan<byte> bytes, Span<byte> destination, ref int position)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
    }

    private static void Append(string text, Span<byte> destination, ref int position)
        => position += Encoding.UTF8.GetBytes(text, destination[position..]);

    private static void ThrowIfAnyNull(string method, string scheme, string host, string requestUri, string date)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(date);
    }
}
