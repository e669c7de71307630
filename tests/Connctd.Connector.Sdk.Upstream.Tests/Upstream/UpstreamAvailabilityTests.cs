using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connctd.Connector.Sdk.Upstream.Tests.Infrastructure.ConnectorHost;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

/// <summary>An open upstream circuit marks the dependent things UNAVAILABLE on the platform, and AVAILABLE when it closes.</summary>
public sealed class UpstreamAvailabilityTests : IAsyncLifetime
{
    private readonly UpstreamStub _upstream = new();
    private readonly ConnectorHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task<UpstreamApiClient> ClientForAsync(string instanceId) =>
        await _host.Services.GetRequiredService<IUpstreamApiClientFactory>().CreateClientAsync("api", await _host.InstanceAsync(instanceId));

    private static bool IsLast(IReadOnlyList<string> statuses, string status) => statuses.Count > 0 && statuses[^1] == status;

    private static async Task CallAsync(UpstreamApiClient client)
    {
        try
        {
            using HttpResponseMessage response = await client.GetAsync("things");
        }
        catch (UpstreamApiException exception) when (exception.ErrorCode == UpstreamErrorCodes.CircuitOpen)
        {
        }
    }

    [Fact]
    public async Task CircuitOpensAndCloses_ThingsMarkedUnavailableThenAvailable()
    {
        await _host.StartAsync(_upstream);
        await _host.InstantiateAsync("i-1");
        UpstreamApiClient client = await ClientForAsync("i-1");
        _upstream.AnswerStatus(503);

        await CallAsync(client);
        await CallAsync(client);
        Assert.Equal(UpstreamCircuitState.Open, client.CircuitState);
        await WaitUntilAsync(() => _host.StatusesOf("thing-1").Contains("UNAVAILABLE") && _host.StatusesOf("thing-2").Contains("UNAVAILABLE"), "both things are UNAVAILABLE");

        _upstream.Recover();
        await WaitUntilAsync(() =>
        {
            CallAsync(client).GetAwaiter().GetResult();
            return client.CircuitState == UpstreamCircuitState.Closed;
        }, "the circuit closes");
        await WaitUntilAsync(() => IsLast(_host.StatusesOf("thing-1"), "AVAILABLE") && IsLast(_host.StatusesOf("thing-2"), "AVAILABLE"), "both things are AVAILABLE");

        Assert.Equal(["UNAVAILABLE", "AVAILABLE"], _host.StatusesOf("thing-1"));
        Assert.Equal(["UNAVAILABLE", "AVAILABLE"], _host.StatusesOf("thing-2"));
    }

    [Fact]
    public async Task InstanceJoinsWhileOpen_ItsThingsMarkedUnavailableAtOnce()
    {
        await _host.StartAsync(_upstream);
        await _host.InstantiateAsync("i-1");
        await _host.InstantiateAsync("i-2");
        UpstreamApiClient first = await ClientForAsync("i-1");
        _upstream.AnswerStatus(503);
        await CallAsync(first);
        await CallAsync(first);

        _ = await ClientForAsync("i-2");

        await WaitUntilAsync(() => _host.StatusesOf("thing-3").Contains("UNAVAILABLE") && _host.StatusesOf("thing-4").Contains("UNAVAILABLE"), "the things of i-2 are UNAVAILABLE");
        Assert.Equal(["UNAVAILABLE"], _host.StatusesOf("thing-1"));
    }

    [Fact]
    public async Task DependentThings_OnlyThoseThingsAreMarked()
    {
        await _host.StartAsync(_upstream, options => options.DependentThings = externalId => externalId == "b");
        await _host.InstantiateAsync("i-1");
        UpstreamApiClient client = await ClientForAsync("i-1");
        _upstream.AnswerStatus(503);

        await CallAsync(client);
        await CallAsync(client);

        await WaitUntilAsync(() => _host.StatusesOf("thing-2").Contains("UNAVAILABLE"), "thing b is UNAVAILABLE");
        Assert.Empty(_host.StatusesOf("thing-1"));
    }

    [Fact]
    public async Task FirstAnswerAfterStart_ConfirmsThingsAvailableOnce()
    {
        await _host.StartAsync(_upstream);
        await _host.InstantiateAsync("i-1");
        await _host.InstantiateAsync("i-2");

        await CallAsync(await ClientForAsync("i-1"));
        await CallAsync(await ClientForAsync("i-1"));
        await CallAsync(await ClientForAsync("i-2"));

        // Events are handled in order: once i-2's things are confirmed, any second confirmation of i-1 would be visible.
        await WaitUntilAsync(() => _host.StatusesOf("thing-3").Count == 1 && _host.StatusesOf("thing-4").Count == 1, "the things of i-2 are confirmed");
        Assert.Equal(["AVAILABLE"], _host.StatusesOf("thing-1"));
        Assert.Equal(["AVAILABLE"], _host.StatusesOf("thing-2"));
    }
}
