using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>Concurrent callbacks lose and double nothing.</summary>
public sealed class ConcurrencyTests : HostedTest
{
    [Fact]
    public async Task Instantiate_FiftyInstancesConcurrently_CreatesEachThingOnceWithDistinctMappings()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Callbacks.InstantiateAsync($"i-{i}", "inst-1", $"instance-token-{i}", """[{"id":"lamps","value":"2"}]""")));

        foreach (HttpResponseMessage response in responses)
        {
            await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
            response.Dispose();
        }

        Assert.Equal(100, Platform.ThingCreations().Count);
        List<ThingMapping> mappings = [];
        for (int i = 1; i <= 50; i++)
        {
            IReadOnlyList<ThingMapping> things = await Host.Store.ListThingsAsync($"i-{i}", CancellationToken.None);
            Assert.Equal(["lamp-1", "lamp-2"], things.Select(thing => thing.ExternalId).Order());
            Assert.All(things, thing => Assert.Equal(ThingMappingState.Created, thing.State));
            mappings.AddRange(things);
        }

        Assert.Equal(100, mappings.Select(mapping => mapping.ThingId).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, 100).Select(n => $"thing-{n}").Order(),
            mappings.Select(mapping => mapping.ThingId!).Order());

        // Each create-thing call carried the token of its own instance.
        Assert.Equal(50, Platform.ThingCreations().Select(FakePlatformApi.BearerToken).Distinct().Count());
    }

    [Fact]
    public async Task Instantiate_SameInstanceFiveTimesConcurrently_CreatesEachThingOnce()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Platform.CreateThingsAfter(TimeSpan.FromMilliseconds(100));

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Callbacks.InstantiateAsync("i-1", "inst-1", configuration: """[{"id":"lamps","value":"3"}]""")));

        foreach (HttpResponseMessage response in responses)
        {
            await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
            response.Dispose();
        }

        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], Platform.ThingCreations().Select(FakePlatformApi.ThingName).Order());
        IReadOnlyList<ThingMapping> things = await Host.Store.ListThingsAsync("i-1", CancellationToken.None);
        Assert.Equal(3, things.Count);
        Assert.All(things, thing => Assert.Equal(ThingMappingState.Created, thing.State));
    }

    [Fact]
    public async Task Install_RepeatedWhileFirstHookRuns_RunsHookOnceAndAnswersAllAlike()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Behavior.Install = async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return SetupOutcome.Completed();
        };

        Task<HttpResponseMessage> first = Callbacks.InstallAsync("inst-1");
        await entered.Task.WaitAsync(Eventually.DefaultTimeout);
        Task<HttpResponseMessage>[] retries = Enumerable.Range(0, 4).Select(_ => Callbacks.InstallAsync("inst-1")).ToArray();
        await Eventually.UntilAsync(() => RequestsStarted("/connctd/installations") >= 5, "the retries to reach the host");
        release.SetResult();
        HttpResponseMessage[] responses = await Task.WhenAll([first, .. retries]);

        foreach (HttpResponseMessage response in responses)
        {
            await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
            response.Dispose();
        }

        Assert.Equal(1, Behavior.CallCount("install:inst-1"));
    }

    [Fact]
    public async Task Instantiate_RepeatedWhileFirstHookRuns_RunsHookOnceAndAnswersAllAlike()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Behavior.Instantiate = async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return SetupOutcome.Completed();
        };

        Task<HttpResponseMessage> first = Callbacks.InstantiateAsync("i-1", "inst-1");
        await entered.Task.WaitAsync(Eventually.DefaultTimeout);
        Task<HttpResponseMessage>[] retries = Enumerable.Range(0, 4).Select(_ => Callbacks.InstantiateAsync("i-1", "inst-1")).ToArray();
        await Eventually.UntilAsync(() => RequestsStarted("/connctd/instances") >= 5, "the retries to reach the host");
        release.SetResult();
        HttpResponseMessage[] responses = await Task.WhenAll([first, .. retries]);

        foreach (HttpResponseMessage response in responses)
        {
            await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
            response.Dispose();
        }

        Assert.Equal(1, Behavior.CallCount("instantiate:i-1"));
        Assert.Equal(["Lamp 1", "Lamp 2"], Platform.ThingCreations().Select(FakePlatformApi.ThingName).Order());
    }

    [Fact]
    public async Task Uninstall_WhileInstallHookRuns_WaitsAndRemovesTheInstallation()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Behavior.Install = async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return SetupOutcome.Completed();
        };

        Task<HttpResponseMessage> install = Callbacks.InstallAsync("inst-1");
        await entered.Task.WaitAsync(Eventually.DefaultTimeout);
        Task<HttpResponseMessage> uninstall = Callbacks.UninstallAsync("inst-1");
        await Eventually.UntilAsync(() => RequestsStarted("/connctd/installations/inst-1") >= 1, "the removal to reach the host");
        release.SetResult();
        using HttpResponseMessage installed = await install;
        using HttpResponseMessage uninstalled = await uninstall;

        await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(uninstalled, HttpStatusCode.NoContent);
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
        Assert.Equal(1, Behavior.CallCount("uninstall:inst-1"));
    }

    /// <summary>How many requests for exactly this path the host began (from its hosting log).</summary>
    private int RequestsStarted(string path) =>
        Host.Logs.GetSnapshot().Count(record =>
            record.Message.StartsWith("Request starting", StringComparison.Ordinal) &&
            record.Message.Contains(Host.BaseAddress.Authority + path + " ", StringComparison.Ordinal));
}
