using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing.Tests.Infrastructure;

namespace Connctd.Connector.Sdk.Testing.Tests.Callbacks;

public sealed class ConnectorUnderTestTests
{
    public static TheoryData<CallbackSigning, string> BadSignings => new()
    {
        { CallbackSigning.WrongKey, ErrorCodes.BadSignature },
        { CallbackSigning.TamperedBody, ErrorCodes.BadSignature },
        { CallbackSigning.StaleDate, ErrorCodes.StaleRequest },
        { CallbackSigning.MissingSignature, ErrorCodes.MissingHeader },
        { CallbackSigning.MissingDate, ErrorCodes.MissingHeader },
    };

    [Theory]
    [MemberData(nameof(BadSignings))]
    public async Task InstallAsync_BadSigning_RefusedAndNothingRecorded(CallbackSigning signing, string expectedError)
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        int installs = 0;
        host.Behavior.Install = _ =>
        {
            installs++;
            return ValueTask.FromResult(SetupOutcome.Completed());
        };

        SetupCallbackResponse response = await host.Connect(platform).InstallAsync(signing: signing);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(expectedError, response.ErrorCode);
        Assert.Equal(LifecycleState.Unknown, response.State);
        Assert.Equal(signing, response.Signing);
        Assert.Empty(platform.Installations);
        Assert.Equal(0, installs);
    }

    [Theory]
    [MemberData(nameof(BadSignings))]
    public async Task SendActionAsync_BadSigningThroughTestServer_Refused(CallbackSigning signing, string expectedError)
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform, testServer: true);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);

        ActionCallbackResponse response = await connector.SendActionAsync("thing-1", "lamp", "setOn", new Dictionary<string, string> { ["on"] = "true" }, signing: signing);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(expectedError, response.ErrorCode);
        Assert.Equal(ActionStatus.Unknown, response.Status);
        Assert.Empty(platform.ActionRequests);
    }

    [Theory]
    [MemberData(nameof(BadSignings))]
    public async Task RemoveInstanceAsync_BadSigning_RefusedAndInstanceKept(CallbackSigning signing, string expectedError)
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();

        CallbackResponse response = await connector.RemoveInstanceAsync(instance.Id, signing);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(expectedError, response.ErrorCode);
        Assert.False(platform.GetInstance(instance.Id)!.IsRemoved);
        Assert.Single(await host.Platform.GetInstancesAsync());
    }

    [Fact]
    public async Task InstallAsync_Forbidden_StateFailedAndTokenRefused()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        host.Behavior.Install = _ => ValueTask.FromResult(SetupOutcome.Forbidden("unknown region"));

        SetupCallbackResponse response = await host.Connect(platform).InstallAsync(
            new Dictionary<string, string> { ["region"] = "mars" }, installationId: "my-installation");

        Assert.Equal(403, response.StatusCode);
        Assert.Equal(LifecycleState.Failed, response.State);
        Assert.Equal("my-installation", response.Id);
        FakeInstallation installation = platform.GetInstallation("my-installation")!;
        Assert.Equal(LifecycleState.Failed, installation.State);
        Assert.Equal("mars", installation.Configuration["region"]);
    }

    [Fact]
    public async Task InstallAsync_SameIdTwice_SendsTheSameTokenAndGetsTheSameAnswer()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);

        SetupCallbackResponse first = await connector.InstallAsync(installationId: "again");
        SetupCallbackResponse second = await connector.InstallAsync(installationId: "again");

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(201, second.StatusCode);
        Assert.Equal(first.RequestBody, second.RequestBody);
        Assert.Single(platform.Installations);
    }

    [Fact]
    public async Task SendActionAsync_BadRequest_ActionFailed()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        host.Behavior.Action = _ => ValueTask.FromResult(ActionOutcome.BadRequest("on must be true or false"));

        ActionCallbackResponse response = await connector.SendActionAsync("thing-1", "lamp", "setOn", new Dictionary<string, string> { ["on"] = "maybe" }, actionRequestId: "req-7");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ActionStatus.Failed, response.Status);
        Assert.Equal("req-7", response.ActionRequestId);
        FakeActionRequest request = platform.GetActionRequest("req-7")!;
        Assert.Equal((ActionStatus.Failed, instance.Id, "maybe"), (request.Status, request.InstanceId, request.Parameters["on"]));
    }

    [Fact]
    public async Task SendActionAsync_FailedAnswer_CarriesTheMessage()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        host.Behavior.Action = _ => ValueTask.FromResult(ActionOutcome.Failed("hub offline"));

        ActionCallbackResponse response = await connector.SendActionAsync("thing-1", "lamp", "setOn");

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(ActionStatus.Failed, response.Status);
        Assert.Equal("hub offline", response.Error);
    }

    [Fact]
    public async Task SendAsync_UnknownPath_NotFoundWithoutRecords()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);

        CallbackResponse response = await host.Connect(platform).SendAsync(HttpMethod.Post, "nothing-here", "{}");

        Assert.Equal(404, response.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, response.ErrorCode);
        Assert.Equal("/connctd/nothing-here", response.Target);
    }

    [Fact]
    public async Task SendAsync_MalformedJson_InvalidJsonBody()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);

        CallbackResponse response = await host.Connect(platform).SendAsync(HttpMethod.Post, "/actions", "{\"id\":");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidJsonBody, response.ErrorCode);
    }

    [Fact]
    public async Task SignedHost_ConnectorBehindProxy_ValidOnlyWithThePublicHost()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform, settings: new Dictionary<string, string?>
        {
            ["Connctd:SignedUrl:Mode"] = "PublicBaseUrl",
            ["Connctd:SignedUrl:PublicBaseUrl"] = "https://lamps.example.com",
        });
        ConnectorUnderTest connector = host.Connect(platform);

        SetupCallbackResponse direct = await connector.InstallAsync(installationId: "direct");
        connector.SignedHost = "lamps.example.com";
        SetupCallbackResponse proxied = await connector.InstallAsync(installationId: "proxied");

        Assert.Equal(ErrorCodes.BadSignature, direct.ErrorCode);
        Assert.Equal(201, proxied.StatusCode);
    }

    [Fact]
    public async Task SignedScheme_Http_RefusedByADirectModeConnector()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        connector.SignedScheme = "http";

        SetupCallbackResponse response = await connector.InstallAsync();

        Assert.Equal(ErrorCodes.BadSignature, response.ErrorCode);
    }

    [Fact]
    public async Task ConnectTo_CustomCallbackPath_BaseUrlEndsWithIt()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();

        using ConnectorUnderTest connector = platform.ConnectTo(new Uri("http://127.0.0.1:5080/"), "/hooks/connctd/");

        Assert.Equal(new Uri("http://127.0.0.1:5080/hooks/connctd/"), connector.CallbackBaseUrl);
    }

    [Fact]
    public async Task ConnectTo_ClientWithoutBaseAddress_Throws()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        using var client = new HttpClient();

        Assert.Throws<ArgumentException>(() => platform.ConnectTo(client));
    }

    [Fact]
    public async Task InstallAsync_ConnectorDown_ThrowsAndMarksError()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        await host.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => connector.InstallAsync(installationId: "lost"));

        Assert.Equal(LifecycleState.Error, platform.GetInstallation("lost")!.State);
    }

    [Fact]
    public async Task CallbackResponse_ToString_NeverShowsTheToken()
    {
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync();
        await using ConnectorHost host = await ConnectorHost.StartAsync(platform);

        SetupCallbackResponse response = await host.Connect(platform).InstallAsync();
        string token = platform.GetInstallation(response.Id)!.Token;

        Assert.Contains(token, response.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain(token, response.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, platform.GetInstallation(response.Id)!.ToString(), StringComparison.Ordinal);
    }
}
