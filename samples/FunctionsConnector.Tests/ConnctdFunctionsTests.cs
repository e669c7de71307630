using System.Text;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;

namespace FunctionsConnector.Tests;

/// <summary>
/// The function app's two functions invoked in-process with the fake platform's signed callbacks: a switched plug's new
/// value reaches the platform before the callback function returns; while the platform is down it waits in the store
/// and the timer function delivers it later; forged, stale, oversized and malformed callbacks are refused in the
/// protocol's error format, and change nothing.
/// </summary>
public sealed class ConnctdFunctionsTests : FunctionAppTest
{
    private static readonly Dictionary<string, string> SwitchOn = new() { [PlugThings.On] = "true" };

    [Fact]
    public async Task Action_PlatformUp_NewValueDeliveredBeforeTheFunctionReturns()
    {
        string thingId = await InstantiateAsync();

        ActionCallbackResponse action = await Connector.SendActionAsync(thingId, PlugThings.Component, PlugThings.SetOn, SwitchOn);

        Assert.True(action.IsSuccessStatusCode, action.ToString());
        Assert.Equal(ActionStatus.Completed, action.Status);
        Assert.Equal("true", Platform.GetPropertyValue(thingId, PlugThings.Component, PlugThings.On));
        Assert.Equal(0, await OutboxDepthAsync());
    }

    [Fact]
    public async Task Action_PlatformDown_ValueWaitsInTheStoreAndTheTimerDeliversItLater()
    {
        string thingId = await InstantiateAsync();
        Platform.Faults.FailFor(TimeSpan.FromMinutes(10), operation: PlatformOperation.UpdateProperty);

        ActionCallbackResponse action = await Connector.SendActionAsync(thingId, PlugThings.Component, PlugThings.SetOn, SwitchOn);

        // The callback is answered all the same; its delivery was tried once and failed, the value stays queued.
        Assert.Equal(ActionStatus.Completed, action.Status);
        Assert.Contains(Platform.Requests, request => request.Operation == PlatformOperation.UpdateProperty && request.StatusCode == 503);
        Assert.Equal("false", Platform.GetPropertyValue(thingId, PlugThings.Component, PlugThings.On));
        Assert.Equal(1, await OutboxDepthAsync());

        // Still down: a timer run delivers nothing and keeps the value.
        await RunTimerAsync();
        Assert.Equal(1, await OutboxDepthAsync());

        // Back up: a timer run after the value's backoff delivers it.
        Platform.Faults.Clear();
        await EventuallyAsync(
            async () =>
            {
                await RunTimerAsync();
                return Platform.GetPropertyValue(thingId, PlugThings.Component, PlugThings.On) == "true";
            },
            "the timer to deliver the plug's new value");
        Assert.Equal(0, await OutboxDepthAsync());
    }

    [Fact]
    public async Task RemoveAndUninstall_Signed_Answered204AndForgotten()
    {
        SetupCallbackResponse installation = await Connector.InstallAsync();
        SetupCallbackResponse instance = await Connector.InstantiateAsync(installation.Id);

        CallbackResponse removed = await Connector.RemoveInstanceAsync(instance.Id);
        CallbackResponse uninstalled = await Connector.UninstallAsync(installation.Id);

        Assert.Equal(204, removed.StatusCode);
        Assert.Equal(204, uninstalled.StatusCode);
        Assert.Null(await Store.GetInstanceAsync(instance.Id, CancellationToken.None));
        Assert.Null(await Store.GetInstallationAsync(installation.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData(CallbackSigning.WrongKey, ErrorCodes.BadSignature)]
    [InlineData(CallbackSigning.TamperedBody, ErrorCodes.BadSignature)]
    [InlineData(CallbackSigning.StaleDate, ErrorCodes.StaleRequest)]
    [InlineData(CallbackSigning.MissingSignature, ErrorCodes.MissingHeader)]
    [InlineData(CallbackSigning.MissingDate, ErrorCodes.MissingHeader)]
    public async Task Install_BadlySigned_Refused400AndNothingStored(CallbackSigning signing, string errorCode)
    {
        SetupCallbackResponse response = await Connector.InstallAsync(installationId: "bad-1", signing: signing);

        AssertError(response, 400, errorCode);
        Assert.Null(await Store.GetInstallationAsync("bad-1", CancellationToken.None));
    }

    [Fact]
    public async Task Action_Forged_Refused400AndThePlugStaysOff()
    {
        string thingId = await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync(thingId, PlugThings.Component, PlugThings.SetOn, SwitchOn, signing: CallbackSigning.WrongKey);

        AssertError(response, 400, ErrorCodes.BadSignature);
        Assert.Equal("false", Platform.GetPropertyValue(thingId, PlugThings.Component, PlugThings.On));
        Assert.Equal(0, await OutboxDepthAsync());
    }

    [Fact]
    public async Task Install_Oversized_Refused413()
    {
        string body = $$"""{"id":"big-1","token":"{{new string('t', MaxBodySize)}}","state":1,"configuration":[]}""";

        CallbackResponse response = await Connector.SendAsync(HttpMethod.Post, "installations", body);

        AssertError(response, 413, ErrorCodes.RequestTooLarge);
        Assert.Null(await Store.GetInstallationAsync("big-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("POST", "installations", """{"id":"x","token":""", "application/json", 400, ErrorCodes.InvalidJsonBody)]
    [InlineData("POST", "installations", """{"id":"x","token":"t","state":"one"}""", "application/json", 400, ErrorCodes.BadRequestBody)]
    [InlineData("POST", "installations", """{"id":"a\rb","token":"t","state":1,"configuration":[]}""", "application/json", 400, ErrorCodes.InvalidId)]
    [InlineData("POST", "installations", """{"id":"x","token":"t","state":1,"configuration":[]}""", "text/plain", 415, ErrorCodes.BadContentType)]
    [InlineData("POST", "actions", "", "application/json", 400, ErrorCodes.BadRequestBody)]
    [InlineData("POST", "elsewhere", "{}", "application/json", 404, ErrorCodes.NotFound)]
    [InlineData("GET", "installations", null, "application/json", 405, ErrorCodes.MethodNotAllowed)]
    [InlineData("DELETE", "installations", null, "application/json", 400, ErrorCodes.MissingInstallationId)]
    public async Task Send_Malformed_RefusedInTheProtocolsFormat(string method, string target, string? body, string contentType, int status, string errorCode)
    {
        CallbackResponse response = await Connector.SendAsync(new HttpMethod(method), target, body, contentType: contentType);

        AssertError(response, status, errorCode);
        Assert.Empty(Platform.Installations);
        Assert.Equal(0, await OutboxDepthAsync());
    }

    /// <summary>Installs and instantiates through the callback function; returns the plug's thing id.</summary>
    private async Task<string> InstantiateAsync()
    {
        SetupCallbackResponse instance = await Connector.InstallAndInstantiateAsync();
        Assert.True(instance.StatusCode == 201, instance.ToString());
        return Assert.Single(Platform.GetThings(instance.Id)).ThingId;
    }

    private static void AssertError(CallbackResponse response, int status, string errorCode)
    {
        Assert.True(response.StatusCode == status && response.ErrorCode == errorCode, $"Expected {status} {errorCode}, got {response}");
        using var error = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(response.Body));
        Assert.Equal(status, error.RootElement.GetProperty("status").GetInt32());
    }
}
