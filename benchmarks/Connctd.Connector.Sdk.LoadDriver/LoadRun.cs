using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// Sends signed action callbacks at a fixed concurrency for a bounded time and count: each with a fresh action
/// request id and the current Date, signed like the platform signs. Requests that start during the warm-up are not
/// counted; the figures are requests per second, latency percentiles and the status histogram.
/// </summary>
internal sealed class LoadRun(DriverOptions options, RequestSigner signer, Uri actionUrl)
{
    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<long[]> _latencies = [];
    private long _issued;
    private long _lastCompletion;

    public sealed record Result(long Requests, TimeSpan Elapsed, double[] LatencyMs, IReadOnlyDictionary<int, long> Statuses, IReadOnlyDictionary<string, long> Errors)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

        public double Percentile(double p) => LatencyMs.Length == 0 ? double.NaN : LatencyMs[Math.Min(LatencyMs.Length - 1, (int)Math.Ceiling(p * LatencyMs.Length) - 1)];
    }

    public async Task<Result> RunAsync(HttpClient http, Func<Task>? onMeasuringStarts = null)
    {
        string runId = Guid.NewGuid().ToString("N")[..12];
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + Ticks(options.Warmup);
        long end = measureFrom + Ticks(options.Duration);
        Task? measuring = onMeasuringStarts is null ? null : Task.Run(async () =>
        {
            await Task.Delay(options.Warmup);
            await onMeasuringStarts();
        });
        Task[] workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(() => WorkerAsync(http, runId, measureFrom, end))).ToArray();
        await Task.WhenAll(workers);
        if (measuring is not null)
        {
            await measuring;
        }

        double[] latencies = _latencies.SelectMany(list => list).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(latencies);
        long measuredEnd = Math.Max(Interlocked.Read(ref _lastCompletion), measureFrom + 1);
        return new Result(latencies.Length, Stopwatch.GetElapsedTime(measureFrom, measuredEnd), latencies,
            new SortedDictionary<int, long>(_statuses), new SortedDictionary<string, long>(_errors, StringComparer.Ordinal));
    }

    private async Task WorkerAsync(HttpClient http, string runId, long measureFrom, long end)
    {
        var latencies = new List<long>(4096);
        string authority = actionUrl.Authority;
        string target = actionUrl.PathAndQuery;
        try
        {
            while (true)
            {
                long number = Interlocked.Increment(ref _issued);
                long started = Stopwatch.GetTimestamp();
                if (number > options.MaxRequests || started >= end)
                {
                    return;
                }

                byte[] body = Encoding.UTF8.GetBytes(CallbackClient.ActionBody(string.Create(CultureInfo.InvariantCulture, $"load-{runId}-{number}"), ThingFor(options, number)));
                string date = HttpDate.Format(DateTimeOffset.UtcNow);
                using var request = new HttpRequestMessage(HttpMethod.Post, actionUrl) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("Date", date);
                request.Headers.TryAddWithoutValidation("Signature", signer.Sign("POST", options.SignedScheme, authority, target, date, body));
                started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using HttpResponseMessage response = await http.SendAsync(request);
                    await response.Content.CopyToAsync(Stream.Null);
                    status = (int)response.StatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    status = -1;
                    _errors.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
                }

                long finished = Stopwatch.GetTimestamp();
                if (started >= measureFrom)
                {
                    latencies.Add(finished - started);
                    _statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                    long last;
                    do
                    {
                        last = Interlocked.Read(ref _lastCompletion);
                    }
                    while (finished > last && Interlocked.CompareExchange(ref _lastCompletion, finished, last) != last);
                }
            }
        }
        finally
        {
            _latencies.Add([.. latencies]);
        }
    }

    /// <summary>The thing of request <paramref name="number"/>: <c>--thing-id</c>, or with <c>--things</c> n &gt; 1 bench-thing-1 … n in turn.</summary>
    public static string ThingFor(DriverOptions options, long number) =>
        options.Things == 1 ? options.ThingId : string.Create(CultureInfo.InvariantCulture, $"bench-thing-{(number % options.Things) + 1}");

    public static HttpClient CreateClient(int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static long Ticks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}
