using System.Net;
using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Connctd.Connector.Sdk.Upstream.Tests.Infrastructure.UpstreamServices;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

public sealed record Payload(int Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Payload))]
public sealed partial class TestJsonContext : JsonSerializerContext;

public sealed class UpstreamResilienceTests : IDisposable
{
    private readonly UpstreamStub _stub = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _stub.Dispose();

    private UpstreamServices Breaking(UpstreamResilienceScope scope = UpstreamResilienceScope.Api, Action<IServiceCollection>? more = null) =>
        Create(_stub, options =>
        {
            options.Resilience.MaxRetries = 0;
            options.Resilience.CircuitBreakerThreshold = 2;
            options.Resilience.CircuitBreakerRecovery = TimeSpan.FromSeconds(30);
            options.Scope = scope;
        }, _time, more: more);

    [Fact]
    public async Task GetAsync_TransientFailureOnce_RetriedAndSucceeds()
    {
        _stub.FailOnceThenSucceed();
        using UpstreamServices services = Create(_stub);

        using HttpResponseMessage response = await services.Factory.CreateClient("api", Installation("inst-1")).GetAsync("flaky");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _stub.ApiRequests().Count);
    }

    [Fact]
    public async Task SendAsync_PostFailsTransiently_NotRetried()
    {
        _stub.FailOnceThenSucceed();
        using UpstreamServices services = Create(_stub);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("flaky", UriKind.Relative)) { Content = new StringContent("{}") };

        using HttpResponseMessage response = await services.Factory.CreateClient("api", Installation("inst-1")).SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(_stub.ApiRequests());
    }

    [Fact]
    public async Task GetAsync_RepeatedFailures_OpensCircuitAndFailsFast()
    {
        _stub.AnswerStatus(503);
        using UpstreamServices services = Breaking();
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1"));

        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage failed = await client.GetAsync("things");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        var exception = await Assert.ThrowsAsync<UpstreamApiException>(() => client.GetAsync("things"));
        Assert.Equal(UpstreamErrorCodes.CircuitOpen, exception.ErrorCode);
        Assert.True(exception.IsTransient);
        Assert.Equal(UpstreamCircuitState.Open, client.CircuitState);
        Assert.Equal(2, _stub.ApiRequests().Count);
    }

    [Fact]
    public async Task GetAsync_ClientErrors_DoNotOpenCircuit()
    {
        _stub.AnswerStatus(404);
        using UpstreamServices services = Breaking();
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1"));

        for (int i = 0; i < 4; i++)
        {
            using HttpResponseMessage response = await client.GetAsync("things");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(UpstreamCircuitState.Closed, client.CircuitState);
    }

    [Fact]
    public async Task GetAsync_AfterRecoveryTime_TestCallClosesCircuit()
    {
        _stub.AnswerStatus(503);
        using UpstreamServices services = Breaking();
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1"));
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage failed = await client.GetAsync("things");
        }

        _stub.Recover();
        _time.Advance(TimeSpan.FromSeconds(31));
        using HttpResponseMessage response = await client.GetAsync("things");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UpstreamCircuitState.Closed, client.CircuitState);
    }

    [Fact]
    public async Task GetAsync_ScopeInstallation_OneTenantsCircuitLeavesOthersAlone()
    {
        _stub.AnswerStatus(503, "/api/a/*");
        using UpstreamServices services = Breaking(UpstreamResilienceScope.Installation);
        UpstreamApiClient a = services.Factory.CreateClient("api", Installation("inst-a"));
        UpstreamApiClient b = services.Factory.CreateClient("api", Installation("inst-b"));

        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage failed = await a.GetAsync("a/things");
        }

        using HttpResponseMessage fromB = await b.GetAsync("b/things");
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal(UpstreamCircuitState.Open, a.CircuitState);
        Assert.Equal(UpstreamCircuitState.Closed, b.CircuitState);
        Assert.Equal(UpstreamErrorCodes.CircuitOpen, (await Assert.ThrowsAsync<UpstreamApiException>(() => a.GetAsync("a/things"))).ErrorCode);
    }

    [Fact]
    public async Task GetAsync_ApiTooSlow_ThrowsTimeout()
    {
        _stub.Server.Given(Request.Create().WithPath("/api/slow").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        using UpstreamServices services = Create(_stub, options =>
        {
            options.Resilience.MaxRetries = 0;
            options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            options.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(400);
        });

        var exception = await Assert.ThrowsAsync<UpstreamApiException>(() => services.Factory.CreateClient("api", Installation("inst-1")).GetAsync("slow"));

        Assert.Equal(UpstreamErrorCodes.Timeout, exception.ErrorCode);
        Assert.Equal(0, exception.Status);
    }

    [Fact]
    public async Task GetFromJsonAsync_Success_ReadsBody()
    {
        using UpstreamServices services = Create(_stub);

        Payload payload = await services.Factory.CreateClient("api", Installation("inst-1")).GetFromJsonAsync("value", TestJsonContext.Default.Payload);

        Assert.Equal(42, payload.Value);
    }

    [Fact]
    public async Task GetFromJsonAsync_ErrorStatus_ThrowsHttpErrorWithStatus()
    {
        _stub.AnswerStatus(404);
        using UpstreamServices services = Create(_stub);

        var exception = await Assert.ThrowsAsync<UpstreamApiException>(() =>
            services.Factory.CreateClient("api", Installation("inst-1")).GetFromJsonAsync("value", TestJsonContext.Default.Payload));

        Assert.Equal(UpstreamErrorCodes.HttpError, exception.ErrorCode);
        Assert.Equal(404, exception.Status);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task GetFromJsonAsync_NotJson_ThrowsInvalidResponse()
    {
        _stub.Server.Given(Request.Create().WithPath("/api/garbage").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<html>"));
        using UpstreamServices services = Create(_stub);

        var exception = await Assert.ThrowsAsync<UpstreamApiException>(() =>
            services.Factory.CreateClient("api", Installation("inst-1")).GetFromJsonAsync("garbage", TestJsonContext.Default.Payload));

        Assert.Equal(UpstreamErrorCodes.InvalidResponse, exception.ErrorCode);
    }

    [Fact]
    public async Task Resilience_PlatformClientConfiguredToo_SettingsStayIndependent()
    {
        _stub.AnswerStatus(503);
        using UpstreamServices services = Create(_stub, options => options.Resilience.MaxRetries = 0, more: services =>
            services.AddConnctdPlatformClient(platform => platform.Resilience.MaxRetries = 7));

        using HttpResponseMessage response = await services.Factory.CreateClient("api", Installation("inst-1")).GetAsync("things");

        Assert.Single(_stub.ApiRequests());
        Assert.Equal(7, services.Provider.GetRequiredService<IOptions<PlatformClientOptions>>().Value.Resilience.MaxRetries);
        Assert.Equal(0, services.Provider.GetRequiredService<IOptionsMonitor<UpstreamApiOptions>>().Get("api").Resilience.MaxRetries);
    }

    [Fact]
    public async Task HealthCheck_CircuitOpenThenClosed_DegradedThenHealthy()
    {
        _stub.AnswerStatus(503);
        using UpstreamServices services = Breaking(more: services => services.AddHealthChecks().AddConnctdUpstreamChecks());
        HealthCheckService health = services.Provider.GetRequiredService<HealthCheckService>();
        UpstreamApiClient client = services.Factory.CreateClient("api", Installation("inst-1"));
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage failed = await client.GetAsync("things");
        }

        HealthReportEntry open = (await health.CheckHealthAsync()).Entries[UpstreamHealthChecksBuilderExtensions.CheckName];
        _stub.Recover();
        _time.Advance(TimeSpan.FromSeconds(31));
        using (HttpResponseMessage ok = await client.GetAsync("things"))
        {
        }

        HealthReportEntry closed = (await health.CheckHealthAsync()).Entries[UpstreamHealthChecksBuilderExtensions.CheckName];
        Assert.Equal(HealthStatus.Degraded, open.Status);
        Assert.Equal("Open", open.Data["api"]);
        Assert.Equal(HealthStatus.Healthy, closed.Status);
        Assert.Equal("Closed", closed.Data["api"]);
    }
}
