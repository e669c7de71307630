using System.Text.Json;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Things;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connctd.Connector.Sdk.Tests.Client;

public sealed class PlatformClientTests : IDisposable
{
    private const string ThingsPath = PlatformTestHost.BasePath + "/connectorhub/callback/instances/things";

    private readonly PlatformTestHost _host = new(resilience => resilience.MaxRetries = 0);

    public void Dispose() => _host.Dispose();

    /// <summary>The example thing of PROTOCOL.md (shared with the validator tests).</summary>
    private static Thing Lamp() => Things.ThingValidatorTests.ProtocolExample();

    private void AssertSingleRequest(string method, string path, string token, string? body)
    {
        var request = Assert.Single(_host.Requests).RequestMessage;
        Assert.Equal(method, request.Method);
        Assert.Equal(path, request.Path);
        Assert.Equal("Bearer " + token, Assert.Single(request.Headers!["Authorization"]));
        Assert.Equal("application/json", Assert.Single(request.Headers["Accept"]));
        if (body is null)
        {
            Assert.True(string.IsNullOrEmpty(request.Body));
        }
        else
        {
            Assert.StartsWith("application/json", Assert.Single(request.Headers["Content-Type"]), StringComparison.Ordinal);
            Assert.Equal(body, request.Body);
        }
    }

    [Fact]
    public async Task CreateThingAsync_Created_PostsThingAndReturnsId()
    {
        _host.Server.Given(Request.Create().WithPath(ThingsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":"thing-1"}"""));

        string id = await _host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp());

        Assert.Equal("thing-1", id);
        AssertSingleRequest(
            "POST",
            ThingsPath,
            PlatformTestHost.RawInstanceToken,
            """{"thing":{"id":"","name":"Lamp","manufacturer":"ACME","displayType":"core.LIGHT","mainComponentId":"lamp","status":"AVAILABLE","attributes":[{"name":"serial","value":"42"}],"components":[{"id":"lamp","name":"Lamp","componentType":"core.Lamp","capabilities":["core.SWITCHABLE"],"properties":[{"id":"on","name":"on","value":"false","unit":"","type":"BOOLEAN","lastUpdate":"2020-10-07T10:00:00Z","propertyType":"core.ONOFF"}],"actions":[{"id":"setOn","name":"setOn","parameters":[{"name":"on","type":"BOOLEAN"}]}]}]}}""");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public async Task CreateThingAsync_AnySuccessStatus_ReturnsId(int status)
    {
        _host.Server.Given(Request.Create().WithPath(ThingsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"id":"thing-2","extra":true}"""));

        Assert.Equal("thing-2", await _host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task CreateThingAsync_SuccessWithoutId_ThrowsInvalidResponseWithUnknownOutcome(string body)
    {
        _host.Server.Given(Request.Create().WithPath(ThingsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(body));

        var exception = await Assert.ThrowsAsync<PlatformException>(() => _host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp()));

        Assert.Equal(201, exception.Status);
        Assert.Equal(PlatformErrorCodes.InvalidResponse, exception.ErrorCode);
        Assert.True(exception.OutcomeUnknown);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task UpdatePropertyValueAsync_NoContent_PutsValueAndLastUpdate()
    {
        string path = ThingsPath + "/thing-1/components/lamp/properties/on";
        _host.Server.Given(Request.Create().WithPath(path).UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.UpdatePropertyValueAsync(
            PlatformTestHost.InstanceToken, "thing-1", "lamp", "on", "true", new DateTimeOffset(2020, 10, 7, 12, 0, 0, TimeSpan.FromHours(2)));

        AssertSingleRequest("PUT", path, PlatformTestHost.RawInstanceToken, """{"value":"true","lastUpdate":"2020-10-07T10:00:00Z"}""");
    }

    [Fact]
    public async Task UpdateThingStatusAsync_NoContent_PutsStatus()
    {
        string path = ThingsPath + "/thing-1/status";
        _host.Server.Given(Request.Create().WithPath(path).UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "thing-1", ThingStatus.Unavailable);

        AssertSingleRequest("PUT", path, PlatformTestHost.RawInstanceToken, """{"status":"UNAVAILABLE"}""");
    }

    [Fact]
    public async Task DeleteThingAsync_NoContent_DeletesWithoutBody()
    {
        string path = ThingsPath + "/thing-1";
        _host.Server.Given(Request.Create().WithPath(path).UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "thing-1");

        AssertSingleRequest("DELETE", path, PlatformTestHost.RawInstanceToken, body: null);
    }

    [Theory]
    [InlineData(ActionStatus.Failed, "lamp unreachable", """{"status":"FAILED","error":"lamp unreachable"}""")]
    [InlineData(ActionStatus.Failed, null, """{"status":"FAILED"}""")]
    [InlineData(ActionStatus.Completed, "ignored", """{"status":"COMPLETED"}""")]
    public async Task UpdateActionRequestAsync_NoContent_PutsStatusAndErrorOnlyWhenFailed(ActionStatus status, string? error, string expectedBody)
    {
        string path = PlatformTestHost.BasePath + "/connectorhub/callback/instances/actions/requests/req-9";
        _host.Server.Given(Request.Create().WithPath(path).UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.UpdateActionRequestAsync(PlatformTestHost.InstanceToken, "req-9", status, error);

        AssertSingleRequest("PUT", path, PlatformTestHost.RawInstanceToken, expectedBody);
    }

    [Fact]
    public async Task UpdateInstallationStateAsync_WithDetails_PostsStateWithInstallationToken()
    {
        string path = PlatformTestHost.BasePath + "/connectorhub/callback/installations/state";
        _host.Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        using var details = JsonDocument.Parse("""{"step":"consent","n":1}""");

        await _host.Client.UpdateInstallationStateAsync(PlatformTestHost.InstallationToken, LifecycleState.Complete, details.RootElement);

        AssertSingleRequest("POST", path, PlatformTestHost.RawInstallationToken, """{"state":2,"details":{"step":"consent","n":1}}""");
    }

    [Fact]
    public async Task UpdateInstanceStateAsync_WithoutDetails_PostsStateOnly()
    {
        string path = PlatformTestHost.BasePath + "/connectorhub/callback/instances/state";
        _host.Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.UpdateInstanceStateAsync(PlatformTestHost.InstanceToken, LifecycleState.Failed);

        AssertSingleRequest("POST", path, PlatformTestHost.RawInstanceToken, """{"state":4}""");
    }

    [Fact]
    public async Task UpdateInstanceStateAsync_Ongoing_SendsThree()
    {
        _host.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

        await _host.Client.UpdateInstanceStateAsync(PlatformTestHost.InstanceToken, LifecycleState.Ongoing, default(JsonElement));

        Assert.Equal("""{"state":3}""", Assert.Single(_host.Requests).RequestMessage.Body);
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("what?x=1", "what%3Fx%3D1")]
    [InlineData("with space", "with%20space")]
    [InlineData("100%", "100%25")]
    [InlineData("frag#1", "frag%231")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".", "%2E")]
    public async Task UpdateThingStatusAsync_IdWithReservedCharacters_EscapesOneSegment(string thingId, string escaped)
    {
        _host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, thingId, ThingStatus.Available);

        Assert.Equal($"PUT {ThingsPath}/{escaped}/status", Assert.Single(_host.SentTargets));
    }

    [Fact]
    public async Task UpdatePropertyValueAsync_EveryIdEscaped_KeepsPathShape()
    {
        _host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(204));

        await _host.Client.UpdatePropertyValueAsync(PlatformTestHost.InstanceToken, "t/1", "c?2", "p 3", "", DateTimeOffset.UnixEpoch);

        Assert.Equal($"PUT {ThingsPath}/t%2F1/components/c%3F2/properties/p%203", Assert.Single(_host.SentTargets));
        Assert.Equal("""{"value":"","lastUpdate":"1970-01-01T00:00:00Z"}""", Assert.Single(_host.Requests).RequestMessage.Body);
    }

    [Fact]
    public async Task DeleteThingAsync_ErrorBody_ThrowsWithParsedFields()
    {
        _host.Server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create()
            .WithStatusCode(404)
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":"INSTANCE_NOT_FOUND","description":"Instance not found","status":404,"requestId":"req-abc"}"""));

        var exception = await Assert.ThrowsAsync<PlatformException>(() => _host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "thing-1"));

        Assert.Equal(404, exception.Status);
        Assert.Equal("INSTANCE_NOT_FOUND", exception.ErrorCode);
        Assert.Equal("Instance not found", exception.Description);
        Assert.Equal("req-abc", exception.RequestId);
        Assert.Equal("DeleteThing", exception.Operation);
        Assert.False(exception.IsTransient);
        Assert.False(exception.OutcomeUnknown);
        Assert.Null(exception.RetryAfter);
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task UpdateThingStatusAsync_ErrorStatus_SetsIsTransient(int status, bool transient)
    {
        _host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(status));

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => _host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "thing-1", ThingStatus.Available));

        Assert.Equal(status, exception.Status);
        Assert.Equal(transient, exception.IsTransient);
        Assert.Null(exception.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Bad gateway for Bearer inst-tok-5f0c9e2a-SECRET</body></html>")]
    [InlineData("""{"error":""")]
    public async Task UpdateThingStatusAsync_UnreadableErrorBody_KeepsStatusOnly(string body)
    {
        _host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(400).WithBody(body));

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => _host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "thing-1", ThingStatus.Available));

        Assert.Equal(400, exception.Status);
        Assert.Null(exception.ErrorCode);
        Assert.Null(exception.Description);
        Assert.DoesNotContain(PlatformTestHost.RawInstanceToken, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateThingStatusAsync_ErrorEchoesToken_TokenMasked()
    {
        _host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(401).WithBody(
            $$"""{"error":"NOT_AUTHORIZED","description":"token {{PlatformTestHost.RawInstanceToken}} is invalid","status":401,"requestId":"{{PlatformTestHost.RawInstanceToken}}"}"""));

        var exception = await Assert.ThrowsAsync<PlatformException>(
            () => _host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "thing-1", ThingStatus.Available));

        Assert.Equal("NOT_AUTHORIZED", exception.ErrorCode);
        Assert.DoesNotContain(PlatformTestHost.RawInstanceToken, exception.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(PlatformTestHost.RawInstanceToken, exception.RequestId, StringComparison.Ordinal);
        Assert.DoesNotContain(PlatformTestHost.RawInstanceToken, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_InvalidArguments_ThrowArgumentExceptionWithoutSending()
    {
        var token = PlatformTestHost.InstanceToken;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.DeleteThingAsync(token, ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.DeleteThingAsync(token, null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateThingStatusAsync(token, " ", ThingStatus.Available));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateThingStatusAsync(token, "t", (ThingStatus)42));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdatePropertyValueAsync(token, "t", "", "p", "v", DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdatePropertyValueAsync(token, "t", "c", "p", null!, DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateActionRequestAsync(token, "r", ActionStatus.Pending));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateActionRequestAsync(token, "r", ActionStatus.Canceled));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateActionRequestAsync(token, "", ActionStatus.Completed));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateInstanceStateAsync(token, LifecycleState.Error));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateInstanceStateAsync(token, LifecycleState.Initialized));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.UpdateInstallationStateAsync(PlatformTestHost.InstallationToken, LifecycleState.RemovalOngoing));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.CreateThingAsync(token, null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.CreateThingAsync(null!, Lamp()));

        Assert.Empty(_host.Server.LogEntries);
    }

    [Fact]
    public async Task DeleteThingAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _host.Server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create().WithStatusCode(204).WithDelay(TimeSpan.FromSeconds(3)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "thing-1", cancellation.Token));

        Assert.IsNotType<PlatformException>(exception);
    }

    [Fact]
    public async Task DeleteThingAsync_ConnectionRefused_ThrowsConnectionFailedWithKnownOutcome()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var host = new PlatformTestHost(resilience => resilience.MaxRetries = 0, new Uri($"http://127.0.0.1:{closedPort}/api/v1/"));

        var exception = await Assert.ThrowsAsync<PlatformException>(() => host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "thing-1"));

        Assert.Equal(0, exception.Status);
        Assert.Equal(PlatformErrorCodes.ConnectionFailed, exception.ErrorCode);
        Assert.True(exception.IsTransient);
        Assert.False(exception.OutcomeUnknown);
    }

    [Fact]
    public async Task Calls_SuccessRetryAndFailures_NeverLogOrThrowTheToken()
    {
        using var host = new PlatformTestHost(resilience =>
        {
            resilience.MaxRetries = 1;
            resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            resilience.TotalTimeout = TimeSpan.FromSeconds(10);
        });
        host.Server.Given(Request.Create().UsingPut()).InScenario("put").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("Bearer " + PlatformTestHost.RawInstanceToken));
        host.Server.Given(Request.Create().UsingPut()).InScenario("put").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(204));
        host.Server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create().WithStatusCode(500).WithBody(
            $$"""{"error":"INTERNAL_SERVER_ERROR","description":"{{PlatformTestHost.RawInstanceToken}}","status":500}"""));
        host.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(403).WithBody("Bearer " + PlatformTestHost.RawInstallationToken));
        host.Server.Given(Request.Create().UsingPost().WithPath(ThingsPath)).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(2)));

        await host.Client.UpdateThingStatusAsync(PlatformTestHost.InstanceToken, "thing-1", ThingStatus.Available);
        var failures = new List<PlatformException>
        {
            await Assert.ThrowsAsync<PlatformException>(() => host.Client.DeleteThingAsync(PlatformTestHost.InstanceToken, "thing-1")),
            await Assert.ThrowsAsync<PlatformException>(() => host.Client.UpdateInstallationStateAsync(PlatformTestHost.InstallationToken, LifecycleState.Complete)),
            await Assert.ThrowsAsync<PlatformException>(() => host.Client.CreateThingAsync(PlatformTestHost.InstanceToken, Lamp())),
        };

        var records = host.Logs.GetSnapshot();
        Assert.Contains(records, record => record.Id.Id == 1200);
        Assert.Contains(records, record => record.Id.Id == 1202);
        Assert.Equal(3, records.Count(record => record.Id.Id == 1201));
        Assert.Equal(PlatformErrorCodes.Timeout, failures[2].ErrorCode);
        foreach (string secret in new[] { PlatformTestHost.RawInstanceToken, PlatformTestHost.RawInstallationToken })
        {
            foreach (var failure in failures)
            {
                Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal);
            }

            foreach (var record in records)
            {
                Assert.DoesNotContain(secret, record.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, record.Exception?.ToString() ?? "", StringComparison.Ordinal);
                foreach (var pair in record.StructuredState ?? [])
                {
                    Assert.DoesNotContain(secret, pair.Value ?? "", StringComparison.Ordinal);
                }

                foreach (object? scope in record.Scopes)
                {
                    Assert.DoesNotContain(secret, scope?.ToString() ?? "", StringComparison.Ordinal);
                }
            }
        }
    }
}
