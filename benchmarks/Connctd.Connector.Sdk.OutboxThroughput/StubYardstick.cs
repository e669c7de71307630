using System.Diagnostics;
using System.Net.Http.Headers;

namespace Connctd.Connector.Sdk.OutboxThroughput;

/// <summary>
/// The yardstick of the delivery figures, measured in the same run: how many small JSON posts per second the platform
/// stub answers when <c>concurrency</c> HTTP clients of this process send them as fast as they can (no outbox, no
/// store, no signing). No delivery worker can beat it, and on a busy machine it moves with everything else.
/// </summary>
internal static class StubYardstick
{
    public static async Task<double> MeasureAsync(Uri platformUrl, int concurrency, TimeSpan time)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, UseCookies = false });
        var url = new Uri(platformUrl, "bench/yardstick");
        byte[] body = """{"value":"true"}"""u8.ToArray();
        await SendAsync(http, url, body, concurrency, TimeSpan.FromMilliseconds(500));
        return await SendAsync(http, url, body, concurrency, time);
    }

    private static async Task<double> SendAsync(HttpClient http, Uri url, byte[] body, int concurrency, TimeSpan time)
    {
        long count = 0;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(time.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await http.PutAsync(url, content);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref count);
            }
        })));
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
