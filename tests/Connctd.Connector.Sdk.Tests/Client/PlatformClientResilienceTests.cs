using System.Globalization;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connctd.Connector.Sdk.Tests.Client;

public sealed class PlatformClientResilienceTests
{
    private static readonly Thing Lamp = new()
    {
        Name = "Lamp",
        DisplayType = "core.LIGHT",
        MainComponentId = "lamp",
        Components = [new Component { Id = "lamp", ComponentType = "core.Lamp", Properties = [new ThingProperty { Id = "on", Type = PropertyValueType.Boolean }] }],
    };

    public static TheoryData<string> RetryableCalls => new() { "UpdatePropertyValue", "UpdateThingStatus", "DeleteThing", "UpdateActionRequest", "UpdateInstallationState", "UpdateInstanceState" };

    private static Task Call(PlatformClient client, string operation) => operation switch
    {
        "UpdatePropertyValue" => client.UpdatePropertyValueAsync(PlatformTestHost.InstanceToken, "t", "c", "p", "1", DateTimeOffset.UnixEpoch),
        "UpdateThingStatus" => client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available),
        "DeleteThing" => client.DeleteThingAsync(PlatformTestHost.InstanceToken, "t"),
        "UpdateActionRequest" => client.UpdateActionRequestAsync(PlatformTestHost.InstanceToken, "r", ActionStatus.Completed),
        "UpdateInstallationState" => client.UpdateInstallationStateAsync(PlatformTestHost.InstallationToken, LifecycleState.Complete),
        "UpdateInstanceState" => client.UpdateInstanceStateAsync(PlatformTestHost.InstanceToken, LifecycleState.Complete),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static void FailOnceThenSucceed(PlatformTestHost host, int status, string? retryAfter = null)
    {
        var failure = Response.Create().WithStatusCode(status);
        if (retryAfter is not null)
        {
            failure = failure.WithHeader("Retry-After", retryAfter);
        }

        host.Server.Given(Request.Create().WithPath("/*")).InScenario("flaky").WillSetStateTo("recovered").RespondWith(failure);
        host.Server.Given(Request.Create().WithPath("/*")).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(204));
    }

    [Theory]
    [MemberData(nameof(RetryableCalls))]
    public async Task RetryableCall_ServiceUnavailableThenSuccess_SucceedsWithTwoRequests(string operation)
    {
        using var host = new PlatformTestHost();
        FailOnceThenSucceed(host, 503);

        await Call(host.Client, operation);

        Assert.Equal(2, host.Server.LogEntries.Count);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task UpdateThingStatusAsync_TransientStatusThenSuccess_Retries(int status)
    {
        using var host = new PlatformTestHost();
        FailOnceThenSucceed(host, status);

        await host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available);

        Assert.Equal(2, host.Server.LogEntries.Count);
    }

    [Fact]
    public async Task UpdateThingStatusAsync_ClientError_NotRetried()
    {
        using var host = new PlatformTestHost();
        FailOnceThenSucceed(host, 400);

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));

        Assert.Equal(400, exception.Status);
        Assert.Single(host.Server.LogEntries);
    }

    [Fact]
    public async Task DeleteThingAsync_AlwaysUnavailable_GivesUpAfterMaxRetries()
    {
        using var host = new PlatformTestHost(resilience => resilience.MaxRetries = 2);
        host.Server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create().WithStatusCode(503));

        var exception = await Assert.ThrowsAsync<PlatformException>(() => host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "t"));

        Assert.Equal(503, exception.Status);
        Assert.True(exception.IsTransient);
        Assert.False(exception.OutcomeUnknown);
        Assert.Equal(3, host.Server.LogEntries.Count);
    }

    [Fact]
    public async Task CreateThingAsync_ServiceUnavailable_NotRetried()
    {
        using var host = new PlatformTestHost();
        FailOnceThenSucceed(host, 503);

        var exception = await Assert.ThrowsAsync<PlatformException>(() => host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp));

        Assert.Equal(503, exception.Status);
        Assert.Equal("CreateThing", exception.Operation);
        Assert.False(exception.OutcomeUnknown);
        Assert.Single(host.Server.LogEntries);
    }

    [Fact]
    public async Task CreateThingAsync_AttemptTimesOut_SentOnceWithUnknownOutcome()
    {
        var delay = TimeSpan.FromMilliseconds(1500);
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            resilience.TotalTimeout = TimeSpan.FromSeconds(5);
        });
        // A retry would find the recovered state and succeed at once, so the call would not throw.
        host.Server.Given(Request.Create().UsingPost()).InScenario("slow").WillSetStateTo("fast")
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"id":"slow"}""").WithDelay(delay));
        host.Server.Given(Request.Create().UsingPost()).InScenario("slow").WhenStateIs("fast")
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"id":"fast"}"""));

        var exception = await Assert.ThrowsAsync<PlatformException>(() => host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp));

        Assert.Equal(0, exception.Status);
        Assert.Equal(PlatformErrorCodes.Timeout, exception.ErrorCode);
        Assert.True(exception.IsTransient);
        Assert.True(exception.OutcomeUnknown);
        Assert.Single(host.SentTargets);
        // WireMock logs a request once its delayed answer is written; wait for that, then give a stray second one time to land.
        await host.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(delay);
        Assert.Single(host.Server.LogEntries);
    }

    [Fact]
    public async Task UpdateThingStatusAsync_AttemptsTimeOutUntilTotalTimeout_RetriesThenThrowsTimeout()
    {
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            resilience.TotalTimeout = TimeSpan.FromSeconds(1);
            resilience.MaxRetries = 50;
            resilience.CircuitBreakerThreshold = 100;
        });
        host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(204).WithDelay(TimeSpan.FromSeconds(2)));

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));

        Assert.Equal(PlatformErrorCodes.Timeout, exception.ErrorCode);
        Assert.Equal(0, exception.Status);
        Assert.True(exception.OutcomeUnknown);
        Assert.True(host.SentTargets.Count >= 2);
    }

    [Fact]
    public async Task UpdatePropertyValueAsync_TooManyRequestsWithRetryAfter_WaitsBeforeRetrying()
    {
        using var host = new PlatformTestHost();
        FailOnceThenSucceed(host, 429, retryAfter: "1");

        await host.Client.UpdatePropertyValueAsync(PlatformTestHost.InstanceToken, "t", "c", "p", "1", DateTimeOffset.UnixEpoch);

        var requests = host.Requests;
        Assert.Equal(2, requests.Count);
        // Lower bound only: the retry must not come before the platform allowed it (RetryDelay alone is 50 ms).
        Assert.True(requests[1].RequestMessage.DateTime - requests[0].RequestMessage.DateTime >= TimeSpan.FromMilliseconds(900));
    }

    [Theory]
    [InlineData(429, "120")]
    [InlineData(503, "3600")]
    public async Task UpdateThingStatusAsync_RetryAfterBeyondTotalTimeout_FailsWithoutWaiting(int status, string retryAfter)
    {
        using var host = new PlatformTestHost(resilience => resilience.TotalTimeout = TimeSpan.FromSeconds(20));
        FailOnceThenSucceed(host, status, retryAfter);

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));

        Assert.Equal(status, exception.Status);
        Assert.True(exception.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(int.Parse(retryAfter, CultureInfo.InvariantCulture)), exception.RetryAfter);
        Assert.Single(host.Server.LogEntries);
    }

    [Fact]
    public async Task UpdateThingStatusAsync_RetryAfterHttpDateBeyondTotalTimeout_FailsWithoutWaiting()
    {
        using var host = new PlatformTestHost(resilience => resilience.TotalTimeout = TimeSpan.FromSeconds(20));
        FailOnceThenSucceed(host, 429, DateTimeOffset.UtcNow.AddHours(1).ToString("r", CultureInfo.InvariantCulture));

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));

        Assert.Equal(429, exception.Status);
        Assert.True(exception.RetryAfter > TimeSpan.FromMinutes(30));
        Assert.Single(host.Server.LogEntries);
    }

    [Fact]
    public async Task UpdateThingStatusAsync_RetryAfterHttpDateInThePast_RetriesAndSucceeds()
    {
        using var host = new PlatformTestHost();
        FailOnceThenSucceed(host, 503, DateTimeOffset.UtcNow.AddHours(-1).ToString("r", CultureInfo.InvariantCulture));

        await host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available);

        Assert.Equal(2, host.Server.LogEntries.Count);
    }

    [Fact]
    public async Task CircuitBreaker_ThresholdConsecutiveFailures_OpensAndFailsWithoutSending()
    {
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.MaxRetries = 0;
            resilience.CircuitBreakerThreshold = 2;
            resilience.CircuitBreakerRecovery = TimeSpan.FromMinutes(5);
        });
        host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(503));
        Assert.Equal(PlatformCircuitState.Closed, host.Client.CircuitState);

        for (int i = 0; i < 2; i++)
        {
            var failure = await Assert.ThrowsAsync<PlatformException>(
                () => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));
            Assert.Equal(503, failure.Status);
        }

        var exception = await Assert.ThrowsAsync<PlatformException>(() => host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp));

        Assert.Equal(PlatformErrorCodes.CircuitOpen, exception.ErrorCode);
        Assert.Equal(0, exception.Status);
        Assert.True(exception.IsTransient);
        Assert.False(exception.OutcomeUnknown);
        Assert.Equal(2, host.Server.LogEntries.Count);
        Assert.Equal(PlatformCircuitState.Open, host.Client.CircuitState);
    }

    [Fact]
    public async Task CircuitBreaker_SuccessBetweenFailures_StaysClosed()
    {
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.MaxRetries = 0;
            resilience.CircuitBreakerThreshold = 2;
        });
        host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(503));
        host.Server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        await Assert.ThrowsAsync<PlatformException>(() => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));
        await host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "t");
        await Assert.ThrowsAsync<PlatformException>(() => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));

        Assert.Equal(PlatformCircuitState.Closed, host.Client.CircuitState);
        Assert.Equal(3, host.Server.LogEntries.Count);
    }

    [Fact]
    public async Task RateLimit_QueueWaitLongerThanTotalTimeout_TimesOutWithoutSending()
    {
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.RateLimitPerMinute = 1;
            resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            resilience.TotalTimeout = TimeSpan.FromMilliseconds(300);
        });
        host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available);
        var exception = await Assert.ThrowsAsync<PlatformException>(() => host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp));

        Assert.Equal(PlatformErrorCodes.Timeout, exception.ErrorCode);
        Assert.False(exception.OutcomeUnknown);
        Assert.Single(host.SentTargets);
    }

    [Fact]
    public async Task RateLimit_QueueFull_RejectsWithRateLimited()
    {
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.RateLimitPerMinute = 1;
            resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
            resilience.TotalTimeout = TimeSpan.FromSeconds(1);
        });
        host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available);
        Task queued = host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available);
        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "t", ThingStatus.Available));

        Assert.Equal(PlatformErrorCodes.RateLimited, exception.ErrorCode);
        Assert.True(exception.IsTransient);
        Assert.False(exception.OutcomeUnknown);
        var queuedFailure = await Assert.ThrowsAsync<PlatformException>(() => queued);
        Assert.Equal(PlatformErrorCodes.Timeout, queuedFailure.ErrorCode);
        Assert.Single(host.SentTargets);
    }
}
