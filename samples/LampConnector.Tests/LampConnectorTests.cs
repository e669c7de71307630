using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;
using Connctd.Connector.Sdk.Things;

namespace LampConnector.Tests;

public sealed class LampConnectorTests : LampConnectorTestBase
{
    [Fact]
    public async Task Instantiate_WithoutLampsParameter_CreatesTwoLamps()
    {
        string instanceId = await InstantiateAsync();

        IReadOnlyList<RecordedThing> things = Platform.GetThings(instanceId);
        Assert.Equal(["thing-1", "thing-2"], things.Select(thing => thing.ThingId));
        Assert.Equal(["Lamp 1", "Lamp 2"], things.Select(thing => thing.Thing.Name));
    }

    [Fact]
    public async Task Instantiate_ThreeLamps_EachHasTheLampComponent()
    {
        string instanceId = await InstantiateAsync(3);

        IReadOnlyList<RecordedThing> things = Platform.GetThings(instanceId);
        Assert.Equal(3, things.Count);
        Assert.All(things, thing =>
        {
            Assert.Equal("lamp", thing.Thing.MainComponentId);
            Component lamp = Assert.Single(thing.Thing.Components);
            Assert.Equal(
                [("on", PropertyValueType.Boolean), ("brightness", PropertyValueType.Number)],
                lamp.Properties.Select(property => (property.Id, property.Type)));
            Assert.Equal(
                [("setOn", "on", PropertyValueType.Boolean), ("setBrightness", "brightness", PropertyValueType.Number)],
                lamp.Actions.Select(action => (action.Id, Assert.Single(action.Parameters).Name, action.Parameters[0].Type)));
            Assert.Equal("false", thing.GetPropertyValue("lamp", "on"));
        });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("2.5")]
    [InlineData("many")]
    public async Task Instantiate_InvalidLampsParameter_Refused(string lamps)
    {
        SetupCallbackResponse installation = await Connector.InstallAsync();

        SetupCallbackResponse instance = await Connector.InstantiateAsync(installation.Id, Parameters("lamps", lamps));

        Assert.Equal(403, instance.StatusCode);
        Assert.Equal(LifecycleState.Failed, instance.State);
        Assert.Empty(Platform.Things);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task SetOn_ValidValue_CompletesAtOnceAndSendsOn(string value)
    {
        await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-1", "lamp", "setOn", Parameters("on", value));

        Assert.Equal(204, response.StatusCode);
        Assert.Equal(ActionStatus.Completed, response.Status);
        await Platform.WaitUntilAsync(
            platform => platform.PropertyUpdates.Any(update => update.ThingId == "thing-1" && update.PropertyId == "on" && update.Value == value),
            $"an update of lamp/on to {value}");
        Assert.Equal(value, Platform.GetPropertyValue("thing-1", "lamp", "on"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("yes")]
    [InlineData("")]
    public async Task SetOn_MissingOrInvalidParameter_Answers400(string? value)
    {
        await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-1", "lamp", "setOn", value is null ? null : Parameters("on", value));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ErrorCodes.BadRequestBody, response.ErrorCode);
        Assert.Empty(Platform.PropertyUpdates);
    }

    [Fact]
    public async Task SetBrightness_Valid_PendingThenCompletedWithTheNewBrightness()
    {
        await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-2", "lamp", "setBrightness", Parameters("brightness", "40"));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(ActionStatus.Pending, response.Status);
        RecordedActionUpdate completed = await Platform.WaitForActionUpdateAsync(response.ActionRequestId, ActionStatus.Completed);
        Assert.Equal(ActionStatus.Completed, completed.Status);
        await Platform.WaitForPropertyAsync("thing-2", "lamp", "brightness", "40");
        Assert.Equal("100", Platform.GetPropertyValue("thing-1", "lamp", "brightness"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("150")]
    [InlineData("-1")]
    [InlineData("bright")]
    [InlineData("NaN")]
    public async Task SetBrightness_MissingOrInvalidParameter_Answers400(string? value)
    {
        await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-1", "lamp", "setBrightness", value is null ? null : Parameters("brightness", value));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ActionStatus.Failed, response.Status);
    }

    [Theory]
    [InlineData("lamp", "blink")]
    [InlineData("fan", "setOn")]
    public async Task Action_UnknownActionOrComponent_Answers400(string component, string action)
    {
        await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-1", component, action, Parameters("on", "true"));

        Assert.Equal(400, response.StatusCode);
    }

    [Theory]
    [InlineData(CallbackSigning.WrongKey, "BAD_SIGNATURE")]
    [InlineData(CallbackSigning.TamperedBody, "BAD_SIGNATURE")]
    [InlineData(CallbackSigning.StaleDate, "STALE_REQUEST")]
    [InlineData(CallbackSigning.MissingSignature, "MISSING_HEADER")]
    public async Task SetOn_BadlySigned_RefusedAndLampUnchanged(CallbackSigning signing, string expectedError)
    {
        await InstantiateAsync();

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-1", "lamp", "setOn", Parameters("on", "true"), signing: signing);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(expectedError, response.ErrorCode);
        Assert.Equal("false", Platform.GetPropertyValue("thing-1", "lamp", "on"));
    }

    [Fact]
    public async Task RemoveInstanceThenUninstall_BothAnswer204()
    {
        string instanceId = await InstantiateAsync();
        string installationId = Platform.GetInstance(instanceId)!.InstallationId;

        CallbackResponse removed = await Connector.RemoveInstanceAsync(instanceId);
        CallbackResponse uninstalled = await Connector.UninstallAsync(installationId);

        Assert.Equal(204, removed.StatusCode);
        Assert.Equal(204, uninstalled.StatusCode);
        Assert.Empty(Platform.GetThings(instanceId));
    }

    [Fact]
    public async Task SetOn_PlatformBrieflyUnavailable_ValueArrivesAfterRetries()
    {
        await InstantiateAsync();
        Platform.Faults.FailNext(1, operation: PlatformOperation.UpdateProperty);

        ActionCallbackResponse response = await Connector.SendActionAsync("thing-1", "lamp", "setOn", Parameters("on", "true"));

        Assert.Equal(204, response.StatusCode);
        await Platform.WaitForPropertyAsync("thing-1", "lamp", "on", "true");
        Assert.Contains(Platform.Requests, request => request.Fault == PlatformFaultKind.ErrorStatus);
    }

    [Fact]
    public async Task WholeProtocol_Logs_NeverContainAToken()
    {
        string instanceId = await InstantiateAsync();
        FakeInstance instance = Platform.GetInstance(instanceId)!;
        string installationToken = Platform.GetInstallation(instance.InstallationId)!.Token;
        ActionCallbackResponse dim = await Connector.SendActionAsync("thing-1", "lamp", "setBrightness", Parameters("brightness", "10"));
        await Platform.WaitForActionUpdateAsync(dim.ActionRequestId, ActionStatus.Completed);
        await Connector.SendActionAsync("thing-1", "lamp", "setOn", Parameters("on", "true"), signing: CallbackSigning.WrongKey);
        await Connector.RemoveInstanceAsync(instanceId);
        await Connector.UninstallAsync(instance.InstallationId);

        IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records = Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.All(records, record =>
        {
            string line = $"{record.Message} {record.Exception} {string.Join(" ", record.StructuredState?.Select(pair => pair.Value) ?? [])}";
            Assert.DoesNotContain(instance.Token, line, StringComparison.Ordinal);
            Assert.DoesNotContain(installationToken, line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Demo_Run_ExitsZero()
    {
        using var output = new StringWriter();

        int exitCode = await LampConnector.Demo.LampDemo.RunAsync([], output);

        Assert.True(exitCode == 0, output.ToString());
    }
}
