using System.Net.Sockets;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>Writes bytes no HTTP client would send (broken framing, short bodies) over a plain socket and reads what comes back.</summary>
internal static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, CRLF-separated, without the blank line) and
    /// <paramref name="body"/>; then half-closes the socket when <paramref name="endRequest"/> is set, or keeps it open
    /// (a stalled body). Returns the answer, or null when the server closed or reset the connection without one.
    /// </summary>
    public static async Task<RawResponse?> SendAsync(Uri baseAddress, string head, byte[] body, bool endRequest)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.TrimEnd('\r', '\n') + "\r\n\r\n"));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        if (endRequest)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset: after the answer, the answer stands; before it (the server closed with request bytes unread), none.
        }

        string response = Encoding.UTF8.GetString(received.ToArray());
        int lineEnd = response.IndexOf("\r\n", StringComparison.Ordinal);
        if (lineEnd < 0)
        {
            return null;
        }

        int status = int.Parse(response[..lineEnd].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        int headEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return new RawResponse(status, headEnd < 0 ? "" : response[(headEnd + 4)..]);
    }
}
