using System.Diagnostics.Tracing;
using System.Globalization;
using Connctd.Connector.Sdk.Benchmarks.Infrastructure;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// <c>profile-allocations</c>: runs action callbacks through the real endpoint (in-memory store, so everything runs
/// synchronously on this thread) and prints the bytes allocated per callback and which types they go to, sampled
/// from the runtime's allocation-tick events (one event per ~100 KB allocated). Not a BenchmarkDotNet benchmark: a
/// profiler for finding what to fix.
/// </summary>
public static class AllocationProfile
{
    public static async Task RunAsync(int callbacks)
    {
        await using ConnectorHarness harness = await ConnectorHarness.CreateAsync(inMemoryStore: true);
        RequestDelegate endpoint = harness.Endpoint("Action");
        IServiceScopeFactory scopes = harness.Services.GetRequiredService<IServiceScopeFactory>();
        string date = HttpDate.Format(Samples.SignedAt);
        var bodies = new byte[callbacks][];
        var signatures = new string[callbacks];
        for (int i = 0; i < callbacks; i++)
        {
            bodies[i] = Samples.ActionBodyFor($"action-{i:D8}-{Guid.NewGuid():N}", ConnectorHarness.ThingId);
            signatures[i] = harness.Signer.Sign("POST", "https", Samples.Host, Samples.ActionTarget, date, bodies[i]);
        }

        // Warm up (JIT, pools), then measure the context alone, then the whole callback.
        int warmup = Math.Min(2000, callbacks / 10);
        for (int i = 0; i < warmup; i++)
        {
            await CallAsync(i, measureOnlyContext: false);
        }

        long contextBytes = await MeasureAsync(warmup, callbacks, measureOnlyContext: true);
        using var listener = new AllocationListener();
        long callbackBytes = await MeasureAsync(warmup, callbacks, measureOnlyContext: false);
        int measured = callbacks - warmup;
        double bodyBytes = bodies[warmup].Length + 24;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Callbacks measured: {measured:N0} (all answered 204)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Allocated per callback, whole endpoint: {(double)callbackBytes / measured:F0} B"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which request scope + HttpContext (Kestrel/hosting's share): {(double)contextBytes / measured:F0} B"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which the body copy: {bodyBytes:F0} B"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SDK, outside the body: {((double)callbackBytes - contextBytes) / measured - bodyBytes:F0} B"));
        Console.WriteLine("Sampled allocations by type (share of samples during the whole-endpoint run):");
        foreach ((string type, long count) in listener.Snapshot().OrderByDescending(pair => pair.Value).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * count / Math.Max(1, listener.Total),5:F1} %  {type}"));
        }

        async Task<long> MeasureAsync(int from, int to, bool measureOnlyContext)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = from; i < to; i++)
            {
                await CallAsync(i, measureOnlyContext);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        async Task CallAsync(int index, bool measureOnlyContext)
        {
            AsyncServiceScope scope = scopes.CreateAsyncScope();
            await using (scope)
            {
                DefaultHttpContext context = CallbackRequests.Create(scope.ServiceProvider, "POST", Samples.ActionTarget, Samples.Host, date, signatures[index], bodies[index]);
                if (measureOnlyContext)
                {
                    return;
                }

                await endpoint(context);
                if (context.Response.StatusCode != StatusCodes.Status204NoContent)
                {
                    throw new InvalidOperationException($"Callback {index} was answered {context.Response.StatusCode}.");
                }
            }
        }
    }

    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> _samples = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public long Total { get; private set; }

        public Dictionary<string, long> Snapshot()
        {
            lock (_lock)
            {
                return new Dictionary<string, long>(_samples, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null || eventData.Payload is null)
            {
                return;
            }

            int index = eventData.PayloadNames.IndexOf("TypeName");
            string type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
            lock (_lock)
            {
                _samples[type] = _samples.GetValueOrDefault(type) + 1;
                Total++;
            }
        }
    }
}
