using System.Net;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Connctd.Connector.Sdk.Upstream.Tests.Infrastructure.UpstreamServices;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

/// <summary>
/// <c>Resilience.RateLimitPerMinute</c> of an upstream API: calls beyond the limit wait in a queue of one minute's worth,
/// fail with <see cref="UpstreamErrorCodes.RateLimited"/> when the queue is full and with
/// <see cref="UpstreamErrorCodes.Timeout"/> when the wait outlasts the total timeout; retries take no permit; each
/// resilience scope has a limiter of its own. The limiter's window is a minute of real time, far longer than any of these
/// tests: no permit comes back while one runs. The total timeout runs on the fake clock, so a queued call waits until
/// the test moves the clock.
/// </summary>
public sealed class UpstreamRateLimitTests : IDisposable
{
    private readonly UpstreamStub _stub = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _stub.Dispose();

    private UpstreamServices Limited(int perMinute, UpstreamResilienceScope scope = UpstreamResilienceScope.Api, int maxRetries = 0, bool realClock = false) =>
        Create(_stub, options =>
        {
            options.Resilience.RateLimitPerMinute = perMinute;
            options.Resilience.MaxRetries = maxRetries;
            options.Resilience.CircuitBreakerThreshold = 1000;
            options.Scope = scope;
            if (realClock)
            {
                options.Resilience.TotalTimeout = TimeSpan.FromSeconds(5);
            }
        }, realClock ? null : _time);

    [Fact]
    public async Task GetAsync_BeyondLimitAndQueue_RefusedRateLimitedAndQueuedCallsTimeOut()
    {
        using UpstreamServices services = Limited(perMinute: 2);
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1"));

        // Two calls take the permits, two wait in the queue (as long as the limit), three find it full.
        Task<HttpStatusCode>[] calls = Enumerable.Range(0, 7).Select(_ => CallAsync(client)).ToArray();
        await WaitUntilAsync(() => calls.Count(call => call.IsCompleted) == 5, "five of the seven calls to end");

        Assert.Equal(2, calls.Count(call => call.IsCompletedSuccessfully && call.Result == HttpStatusCode.OK));
        Task<HttpStatusCode>[] refused = calls.Where(call => call.IsFaulted).ToArray();
        Assert.Equal(3, refused.Length);
        Assert.All(refused, call => AssertFailed(call, UpstreamErrorCodes.RateLimited));
        Assert.True(refused.All(call => ((UpstreamApiException)call.Exception!.InnerException!).IsTransient));
        Assert.Equal(2, _stub.ApiRequests().Count);

        // The queued calls wait for a permit until the total timeout (20 s) runs out.
        _time.Advance(TimeSpan.FromSeconds(21));
        await Task.WhenAll(calls.Select(call => call.ContinueWith(_ => { }, TaskScheduler.Default)));

        Task<HttpStatusCode>[] queued = calls.Where(call => call.IsFaulted && !refused.Contains(call)).ToArray();
        Assert.Equal(2, queued.Length);
        Assert.All(queued, call => AssertFailed(call, UpstreamErrorCodes.Timeout));
        Assert.Equal(2, _stub.ApiRequests().Count);
    }

    [Fact]
    public async Task GetAsync_CallRetried_RetryTakesNoPermit()
    {
        _stub.FailOnceThenSucceed();
        // The retry's delay runs on the clock too: this test uses the real one, with a total timeout of 5 s.
        using UpstreamServices services = Limited(perMinute: 1, maxRetries: 1, realClock: true);
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1"));

        using HttpResponseMessage retried = await client.GetAsync("flaky");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, _stub.ApiRequests().Count);

        // The one permit went to the first call, not to its retry as well: of the next two calls one is queued (the queue
        // holds one) and one refused, not both refused.
        Task<HttpStatusCode>[] next = [CallAsync(client), CallAsync(client)];
        await Task.WhenAll(next.Select(call => call.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Equal(1, next.Count(call => IsFailure(call, UpstreamErrorCodes.RateLimited)));
        Assert.Equal(1, next.Count(call => IsFailure(call, UpstreamErrorCodes.Timeout)));
        Assert.Equal(2, _stub.ApiRequests().Count);
    }

    [Fact]
    public async Task GetAsync_ScopeInstallation_EachInstallationHasItsOwnLimit()
    {
        using UpstreamServices services = Limited(perMinute: 1, UpstreamResilienceScope.Installation);
        UpstreamApiClient a = services.Factory.CreateClient("api", Installation("inst-a"));
        UpstreamApiClient b = services.Factory.CreateClient("api", Installation("inst-b"));

        using HttpResponseMessage first = await a.GetAsync("things");
        Task<HttpStatusCode>[] more = [CallAsync(a), CallAsync(a)];
        await WaitUntilAsync(() => more.Any(call => call.IsCompleted), "one of the two calls beyond the limit to end");
        using HttpResponseMessage other = await b.GetAsync("things");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(1, more.Count(call => IsFailure(call, UpstreamErrorCodes.RateLimited)));
        Assert.Equal(2, _stub.ApiRequests().Count);
        _time.Advance(TimeSpan.FromSeconds(21));
        await Task.WhenAll(more.Select(call => call.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Equal(1, more.Count(call => IsFailure(call, UpstreamErrorCodes.Timeout)));
    }

    private static async Task<HttpStatusCode> CallAsync(UpstreamApiClient client)
    {
        using HttpResponseMessage response = await client.GetAsync("things");
        return response.StatusCode;
    }

    private static bool IsFailure(Task call, string errorCode) =>
        call.IsFaulted && call.Exception!.InnerException is UpstreamApiException { Status: 0 } exception && exception.ErrorCode == errorCode;

    private static void AssertFailed(Task call, string errorCode)
    {
        Assert.True(call.IsFaulted, $"the call ended {call.Status}");
        AssertFailed(Assert.IsType<UpstreamApiException>(call.Exception!.InnerException), errorCode);
    }

    private static void AssertFailed(UpstreamApiException exception, string errorCode)
    {
        Assert.Equal(errorCode, exception.ErrorCode);
        Assert.Equal(0, exception.Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (limit.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
