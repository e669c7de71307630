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
}
