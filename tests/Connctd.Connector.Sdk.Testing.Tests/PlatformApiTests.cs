using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Security;
using Connctd.Connector.Sdk.Testing.Tests.Infrastructure;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing.Tests;

/// <summary>The fake platform API as a connector meets it: strict about tokens, things, values and ownership.</summary>
public sealed class PlatformApiTests
{
    private const string Things = "connectorhub/callback/instances/things";

    [Fact]
    public async Task Request_WithoutToken_NotAuthorizedAndRecorded()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Put, $"{Things}/thing-1/status", null, """{"status":"AVAILABLE"}""");

        Assert.Equal((401, ErrorCodes.NotAuthorized), (status, error));
        RecordedRequest recorded = scenario.Platform.Requests[^1];
        Assert.Equal((PlatformOperation.UpdateThingStatus, 401, ErrorCodes.NotAuthorized), (recorded.Operation, recorded.StatusCode, recorded.ErrorCode));
        Assert.False(recorded.Accepted);
    }

    [Fact]
    public async Task Request_UnknownToken_NotAuthorized()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TestClients.PlatformClient(scenario.Platform, http).UpdateThingStatusAsync(new InstanceToken("made-up"), "thing-1", ThingStatus.Available));

        Assert.Equal(401, refused.Status);
        Assert.StartsWith("fake-request-", refused.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThingCall_InstallationToken_Forbidden()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Put, $"{Things}/thing-1/status", scenario.InstallationToken, """{"status":"AVAILABLE"}""");

        Assert.Equal((403, ErrorCodes.Forbidden), (status, error));
    }

    [Fact]
    public async Task CreateThing_InvalidThing_InvalidBody()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token,
            """{"thing":{"name":"x","displayType":"","mainComponentId":"","components":[]}}""");

        Assert.Equal((400, FakePlatformErrorCodes.InvalidBody), (status, error));
        Assert.Equal(2, scenario.Platform.Things.Count);
    }

    [Fact]
    public async Task CreateThing_ValidThing_AssignsNextId()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        string id = await TestClients.PlatformClient(scenario.Platform, http).CreateThingAsync(new InstanceToken(scenario.Instance.Token), ProbeBehavior.Lamp("Extra"));

        Assert.Equal("thing-3", id);
        Assert.Equal("Extra", scenario.Platform.GetThing("thing-3")!.Thing.Name);
    }

    [Fact]
    public async Task CreateThing_MalformedJson_InvalidJsonBody()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token, """{"thing":""");

        Assert.Equal((400, ErrorCodes.InvalidJsonBody), (status, error));
    }

    [Fact]
    public async Task CreateThing_WrongContentType_BadContentType()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token, "{}", "text/plain");

        Assert.Equal((415, ErrorCodes.BadContentType), (status, error));
    }

    [Theory]
    [InlineData("on", "yes")]
    [InlineData("on", "True")]
    [InlineData("level", "ten")]
    [InlineData("level", "NaN")]
    public async Task UpdateProperty_ValueNotOfItsType_InvalidBody(string property, string value)
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdatePropertyValueAsync(new InstanceToken(scenario.Instance.Token), "thing-1", "lamp", property, value, DateTimeOffset.UtcNow));

        Assert.Equal((400, FakePlatformErrorCodes.InvalidBody), (refused.Status, refused.ErrorCode));
        Assert.Empty(scenario.Platform.PropertyUpdates);
    }

    [Theory]
    [InlineData("on", "true")]
    [InlineData("level", "-12.5")]
    [InlineData("label", "anything at all")]
    public async Task UpdateProperty_ValueOfItsType_Accepted(string property, string value)
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        await TestClients.PlatformClient(scenario.Platform, http)
            .UpdatePropertyValueAsync(new InstanceToken(scenario.Instance.Token), "thing-1", "lamp", property, value, DateTimeOffset.UtcNow);

        Assert.Equal(value, scenario.Platform.GetPropertyValue("thing-1", "lamp", property));
    }

    [Fact]
    public async Task UpdateProperty_UnknownProperty_PropertyNotFound()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdatePropertyValueAsync(new InstanceToken(scenario.Instance.Token), "thing-1", "lamp", "colour", "red", DateTimeOffset.UtcNow));

        Assert.Equal((404, FakePlatformErrorCodes.PropertyNotFound), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task UpdateProperty_MissingLastUpdate_BadRequestBody()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Put, $"{Things}/thing-1/components/lamp/properties/on", scenario.Instance.Token, """{"value":"true"}""");

        Assert.Equal((400, ErrorCodes.BadRequestBody), (status, error));
    }

    [Fact]
    public async Task UpdateProperty_PostAsTheDocsSay_Accepted()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, _) = await SendAsync(scenario.Platform, HttpMethod.Post, $"{Things}/thing-1/components/lamp/properties/on", scenario.Instance.Token,
            """{"value":"true","lastUpdate":"2024-05-01T12:00:00Z"}""");

        Assert.Equal(204, status);
        Assert.Equal("true", scenario.Platform.GetPropertyValue("thing-1", "lamp", "on"));
    }

    [Fact]
    public async Task UpdateProperty_AnotherInstancesThing_ThingNotFound()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        SetupCallbackResponse other = await scenario.Connector.InstantiateAsync(scenario.Instance.InstallationId);
        await scenario.Platform.WaitForThingsAsync(other.Id, 2);
        using HttpClient http = TestClients.Http();

        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdatePropertyValueAsync(new InstanceToken(scenario.Platform.GetInstance(other.Id)!.Token), "thing-1", "lamp", "on", "true", DateTimeOffset.UtcNow));

        Assert.Equal((404, FakePlatformErrorCodes.ThingNotFound), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task UpdateThingStatus_Unknown_AcceptedAsTheRealPlatformDoes()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, _) = await SendAsync(scenario.Platform, HttpMethod.Put, $"{Things}/thing-1/status", scenario.Instance.Token, """{"status":"UNKNOWN"}""");

        Assert.Equal(204, status);
        Assert.Equal(ThingStatus.Unknown, scenario.Platform.GetThing("thing-1")!.Thing.Status);
        Assert.Equal(ThingStatus.Unknown, scenario.Platform.ThingStatusUpdates[^1].Status);
    }

    [Theory]
    [InlineData("""{"status":"BROKEN"}""")]
    [InlineData("""{"status":"available"}""")]
    [InlineData("""{"status":1}""")]
    public async Task UpdateThingStatus_NotAListedStatus_InvalidBody(string body)
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Put, $"{Things}/thing-1/status", scenario.Instance.Token, body);

        Assert.Equal(400, status);
        Assert.Contains(error, new[] { FakePlatformErrorCodes.InvalidBody, ErrorCodes.BadRequestBody });
        Assert.Empty(scenario.Platform.ThingStatusUpdates);
    }

    [Fact]
    public async Task CreateThing_CapabilitiesNullAsAGoConnectorSends_Accepted()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, _) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token, GoStyleThing("AVAILABLE"));

        Assert.Equal(201, status);
        RecordedThing created = scenario.Platform.GetThing("thing-3")!;
        Assert.Empty(created.Thing.Components[0].Capabilities);
    }

    [Fact]
    public async Task CreateThing_StatusUnknown_Accepted()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, _) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token, GoStyleThing("UNKNOWN"));

        Assert.Equal(201, status);
        Assert.Equal(ThingStatus.Unknown, scenario.Platform.GetThing("thing-3")!.Thing.Status);
    }

    [Fact]
    public async Task CreateThing_StatusNotListed_InvalidBody()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token, GoStyleThing("SLEEPING"));

        Assert.Equal((400, FakePlatformErrorCodes.InvalidBody), (status, error));
        Assert.Equal(2, scenario.Platform.Things.Count);
    }

    [Fact]
    public async Task CreateThing_StillInvalidWhereTheValidatorIsTheRealPlatformsRule_InvalidBody()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, Things, scenario.Instance.Token,
            GoStyleThing("UNKNOWN").Replace("\"mainComponentId\":\"lamp\"", "\"mainComponentId\":\"nope\"", StringComparison.Ordinal));

        Assert.Equal((400, FakePlatformErrorCodes.InvalidBody), (status, error));
    }

    [Fact]
    public async Task UpdateActionRequest_NeverSent_ActionRequestNotFound()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() => TestClients.PlatformClient(scenario.Platform, http)
            .UpdateActionRequestAsync(new InstanceToken(scenario.Instance.Token), "never-sent", ActionStatus.Completed));

        Assert.Equal((404, FakePlatformErrorCodes.ActionRequestNotFound), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task UpdateActionRequest_RepeatedSameResult_Accepted()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        scenario.Host.Behavior.Action = _ => ValueTask.FromResult(AspNetCore.ActionOutcome.Pending());
        ActionCallbackResponse action = await scenario.Connector.SendActionAsync("thing-1", "lamp", "setOn");
        using HttpClient http = TestClients.Http();
        PlatformClient client = TestClients.PlatformClient(scenario.Platform, http);
        var token = new InstanceToken(scenario.Instance.Token);

        await client.UpdateActionRequestAsync(token, action.ActionRequestId, ActionStatus.Completed);
        await client.UpdateActionRequestAsync(token, action.ActionRequestId, ActionStatus.Completed);
        PlatformException refused = await Assert.ThrowsAsync<PlatformException>(() => client.UpdateActionRequestAsync(token, action.ActionRequestId, ActionStatus.Failed, "late"));

        Assert.Equal(409, refused.Status);
        Assert.Single(scenario.Platform.ActionUpdates);
    }

    [Fact]
    public async Task UpdateInstanceState_NotReportableState_InvalidBody()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, "connectorhub/callback/instances/state", scenario.Instance.Token, """{"state":5}""");

        Assert.Equal((400, FakePlatformErrorCodes.InvalidBody), (status, error));
    }

    [Fact]
    public async Task UpdateInstallationState_InstanceToken_Forbidden()
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, HttpMethod.Post, "connectorhub/callback/installations/state", scenario.Instance.Token, """{"state":2}""");

        Assert.Equal((403, ErrorCodes.Forbidden), (status, error));
    }

    [Fact]
    public async Task UpdateInstanceState_WithDetails_RecordsThem()
    {
        await using Scenario scenario = await Scenario.StartAsync();
        using HttpClient http = TestClients.Http();

        await TestClients.PlatformClient(scenario.Platform, http).UpdateInstanceStateAsync(
            new InstanceToken(scenario.Instance.Token), LifecycleState.Failed, JsonDocument.Parse("""{"reason":"hub gone"}""").RootElement);

        RecordedStateUpdate update = Assert.Single(scenario.Platform.InstanceStateUpdates);
        Assert.Equal((scenario.Instance.Id, LifecycleState.Failed, "hub gone"), (update.Id, update.State, update.Details!.Value.GetProperty("reason").GetString()));
        Assert.Equal(LifecycleState.Failed, scenario.Platform.GetInstance(scenario.Instance.Id)!.State);
    }

    [Theory]
    [InlineData("GET", "connectorhub/callback/instances/things", 405, "METHOD_NOT_ALLOWED")]
    [InlineData("POST", "connectorhub/callback/nothing", 404, "NOT_FOUND")]
    [InlineData("GET", "elsewhere", 404, "NOT_FOUND")]
    public async Task Request_UnservedPathOrMethod_NotFoundOrMethodNotAllowed(string method, string path, int expectedStatus, string expectedError)
    {
        await using Scenario scenario = await Scenario.StartAsync();

        (int status, string? error) = await SendAsync(scenario.Platform, new HttpMethod(method), path, scenario.Instance.Token, null);

        Assert.Equal((expectedStatus, expectedError), (status, error));
        Assert.Equal(PlatformOperation.Unknown, scenario.Platform.Requests[^1].Operation);
    }

    /// <summary>A thing as the reference Go SDK serializes one built without capabilities: nil slices travel as null.</summary>
    private static string GoStyleThing(string status) =>
        $$$"""{"thing":{"id":"","name":"Go lamp","manufacturer":"","displayType":"core.LIGHT","mainComponentId":"lamp","status":"{{{status}}}","attributes":null,"components":[{"id":"lamp","name":"Lamp","componentType":"core.Lamp","capabilities":null,"properties":[{"id":"on","name":"On","value":"false","unit":"","type":"BOOLEAN","lastUpdate":"0001-01-01T00:00:00Z","propertyType":""}],"actions":null}]}}""";

    private static async Task<(int Status, string? Error)> SendAsync(
        FakeConnctdPlatform platform, HttpMethod method, string path, string? token, string? body, string contentType = "application/json")
    {
        using HttpClient http = TestClients.Http();
        using var request = new HttpRequestMessage(method, new Uri(platform.PlatformUrl, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        string? error = text.Length > 0 && JsonDocument.Parse(text).RootElement.TryGetProperty("error", out JsonElement code) ? code.GetString() : null;
        return ((int)response.StatusCode, error);
    }
}
