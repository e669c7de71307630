using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Security;
using Connctd.Connector.Sdk.Testing.Tests.Infrastructure;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.Testing.Tests.Faults;

public sealed class PlatformFaultsTests
{
    [Fact]
    public async Task FailNext_Two_TwoCallsAnswered503ThenNormal()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();
        PlatformClient client = TestClients.PlatformClient(scenario.Platform, http);
        var token = new InstanceToken(scenario.Instance.Token);
        scenario.Platform.Faults.FailNext(2);

        PlatformException first = await Assert.ThrowsAsync<PlatformException>(() => client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Unavailable));
        PlatformException second = await Assert.ThrowsAsync<PlatformException>(() => client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Unavailable));
        await client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Unavailable);

        Assert.Equal((503, FakePlatformErrorCodes.ServiceUnavailable), (first.Status, first.ErrorCode));
        Assert.Equal(503, second.Status);
        Assert.Equal(
            [PlatformFaultKind.ErrorStatus, PlatformFaultKind.ErrorStatus, PlatformFaultKind.None],
            scenario.Platform.Requests.Where(request => request.Operation == PlatformOperation.UpdateThingStatus).Select(request => request.Fault));
        Assert.Single(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task FailNext_OtherStatusForOneOperation_OnlyThatOperationFails()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();
        PlatformClient client = TestClients.PlatformClient(scenario.Platform, http);
        var token = new InstanceToken(scenario.Instance.Token);
        scenario.Platform.Faults.FailNext(1, 500, PlatformOperation.UpdateProperty);

        await client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Available);
        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() =>
            client.UpdatePropertyValueAsync(token, "thing-1", "lamp", "on", "true", DateTimeOffset.UtcNow));

        Assert.Equal((500, FakePlatformErrorCodes.InjectedFault), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task RateLimitNext_One_Answers429WithRetryAfter()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();
        scenario.Platform.Faults.RateLimitNext(1, TimeSpan.FromMilliseconds(1500));

        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdateThingStatusAsync(new InstanceToken(scenario.Instance.Token), "thing-1", ThingStatus.Available));

        Assert.Equal((429, FakePlatformErrorCodes.TooManyRequests), (refused.Status, refused.ErrorCode));
        Assert.Equal(TimeSpan.FromSeconds(2), refused.RetryAfter);
        Assert.Equal(PlatformFaultKind.RateLimited, scenario.Platform.Requests[^1].Fault);
    }

    [Fact]
    public async Task DropNext_One_ConnectionDroppedWithoutAnswer()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();
        scenario.Platform.Faults.DropNext(1);

        PlatformException failed = await Assert.ThrowsAsync<PlatformException>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdateThingStatusAsync(new InstanceToken(scenario.Instance.Token), "thing-1", ThingStatus.Available));

        Assert.Equal(PlatformErrorCodes.ConnectionFailed, failed.ErrorCode);
        RecordedRequest recorded = scenario.Platform.Requests[^1];
        Assert.Equal((PlatformFaultKind.ConnectionDropped, 0), (recorded.Fault, recorded.StatusCode));
        Assert.Empty(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task AddLatency_LongerThanTheClientWaits_ClientTimesOut()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http(TimeSpan.FromSeconds(1));
        scenario.Platform.Faults.AddLatency(TimeSpan.FromSeconds(30), count: 1);

        await Assert.ThrowsAnyAsync<Exception>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdateThingStatusAsync(new InstanceToken(scenario.Instance.Token), "thing-1", ThingStatus.Available));
        using HttpClient patient = TestClients.Http();
        await TestClients.PlatformClient(scenario.Platform, patient)
            .UpdateThingStatusAsync(new InstanceToken(scenario.Instance.Token), "thing-1", ThingStatus.Unavailable);

        Assert.Equal(ThingStatus.Unavailable, scenario.Platform.GetThing("thing-1")!.Thing.Status);
        await scenario.Platform.WaitUntilAsync(
            platform => platform.Requests.Any(request => request.Operation == PlatformOperation.UpdateThingStatus && request.StatusCode == 0),
            "the abandoned call recorded without an answer");
        Assert.Single(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task FailFor_Outage_EndsWhenTheTimeIsUp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Scenario scenario = await Scenario.StartAsync(new FakeConnctdPlatformOptions { TimeProvider = time });
        using HttpClient http = TestClients.Http();
        PlatformClient client = TestClients.PlatformClient(scenario.Platform, http);
        var token = new InstanceToken(scenario.Instance.Token);
        scenario.Platform.Faults.FailFor(TimeSpan.FromMinutes(1));

        PlatformException during = await Assert.ThrowsAsync<PlatformException>(() => client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Available));
        time.Advance(TimeSpan.FromMinutes(2));
        await client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Available);

        Assert.Equal(503, during.Status);
        Assert.Single(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task DropFor_Outage_EndsWhenTheTimeIsUp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Scenario scenario = await Scenario.StartAsync(new FakeConnctdPlatformOptions { TimeProvider = time });
        using HttpClient http = TestClients.Http();
        PlatformClient client = TestClients.PlatformClient(scenario.Platform, http);
        var token = new InstanceToken(scenario.Instance.Token);
        scenario.Platform.Faults.DropFor(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<PlatformException>(() => client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Available));
        time.Advance(TimeSpan.FromMinutes(2));
        await client.UpdateThingStatusAsync(token, "thing-1", ThingStatus.Available);

        Assert.Single(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task Clear_AfterFailNext_CallsSucceed()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();
        scenario.Platform.Faults.FailNext(5);

        scenario.Platform.Faults.Clear();
        await TestClients.PlatformClient(scenario.Platform, http).UpdateThingStatusAsync(new InstanceToken(scenario.Instance.Token), "thing-1", ThingStatus.Available);

        Assert.Single(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task FailNext_ConnectorRetries_UpdateArrivesInTheEnd()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        scenario.Platform.Faults.FailNext(2, operation: PlatformOperation.UpdateProperty);

        await scenario.Host.Platform.UpdatePropertyAsync(ThingReference.ById("thing-1"), "lamp", "on", "true");
        await scenario.Platform.WaitForPropertyAsync("thing-1", "lamp", "on", "true");

        Assert.Equal(3, scenario.Platform.Requests.Count(request => request.Operation == PlatformOperation.UpdateProperty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task FailNext_CountBelowOne_Throws(int count)
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => platform.Faults.FailNext(count));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(600)]
    public async Task FailNext_NotAnErrorStatus_Throws(int status)
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => platform.Faults.FailNext(1, status));
    }
}
