using System.Net;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using WireMock.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

public sealed class ActionCallbackTests : HostedTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2, instanceToken: "instance-token-for-actions");
    }

    [Fact]
    public async Task Act_HookCompletes_Answers204AndPassesRequestToHook()
    {
        ActionRequestContext? seen = null;
        Behavior.Action = (context, _) =>
        {
            seen = context;
            return ValueTask.FromResult(ActionOutcome.Completed());
        };

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-2", "lamp", "setOn", """{"on":"true"}""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.NotNull(seen);
        Assert.Equal("a-1", seen.ActionRequestId);
        Assert.Equal("thing-2", seen.ThingId);
        Assert.Equal("lamp-2", seen.ExternalId);
        Assert.Equal("i-1", seen.Instance.Id);
        Assert.Equal("lamp", seen.ComponentId);
        Assert.Equal("setOn", seen.ActionId);
        Assert.Equal("true", seen.Parameters["on"]);
    }

    [Fact]
    public async Task Act_HookPending_Answers202Pending()
    {
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Pending());

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        JsonElement body = await CallbackSender.JsonAsync(response);
        Assert.Equal("a-1", body.GetProperty("id").GetString());
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Act_HookFailed_Answers202FailedWithError()
    {
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Failed("The lamp is unreachable."));

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        JsonElement body = await CallbackSender.JsonAsync(response);
        Assert.Equal("a-1", body.GetProperty("id").GetString());
        Assert.Equal("FAILED", body.GetProperty("status").GetString());
        Assert.Equal("The lamp is unreachable.", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Act_HookBadRequest_Answers400BadRequestBody()
    {
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.BadRequest("Parameter 'on' must be true or false."));

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-1", parameters: """{"on":"maybe"}""");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
    }

    [Fact]
    public async Task Act_HookForbidden_Answers403Forbidden()
    {
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Forbidden("The lamp is locked."));

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Act_HookThrows_Answers500WithoutExceptionText()
    {
        Behavior.Action = (_, _) => throw new InvalidOperationException("device said secret-detail-99");

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-1");

        JsonElement body = await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        Assert.DoesNotContain("secret-detail-99", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Act_UnknownThing_Answers400MappingNotFoundWithoutHook()
    {
        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-999");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MappingNotFound);
        Assert.Equal(0, Behavior.CallCount("action:"));
    }

    [Fact]
    public async Task Act_DefaultConnectorHook_Answers400BadRequestBody()
    {
        Behavior.Action = (context, cancellationToken) => new DefaultConnector().OnActionAsync(context, cancellationToken);

        using HttpResponseMessage response = await Callbacks.ActAsync("a-1", "thing-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
    }

    [Fact]
    public async Task CompleteAction_AfterPending_SendsCompletedWithInstanceToken()
    {
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Pending());
        using HttpResponseMessage response = await Callbacks.ActAsync("a-77", "thing-1");
        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);

        await Host.ConnectorPlatform.CompleteActionAsync("a-77");

        await Eventually.UntilAsync(() => Platform.ActionUpdates("a-77").Count > 0, "the action update");
        ILogEntry update = Assert.Single(Platform.ActionUpdates("a-77"));
        Assert.Equal("COMPLETED", FakePlatformApi.BodyJson(update).GetProperty("status").GetString());
        Assert.Equal("instance-token-for-actions", FakePlatformApi.BearerToken(update));
    }

    [Fact]
    public async Task FailAction_AfterPending_SendsFailedWithError()
    {
        Behavior.Action = (_, _) => ValueTask.FromResult(ActionOutcome.Pending());
        using HttpResponseMessage response = await Callbacks.ActAsync("a-78", "thing-1");
        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);

        await Host.ConnectorPlatform.FailActionAsync("a-78", "The lamp burnt out.");

        await Eventually.UntilAsync(() => Platform.ActionUpdates("a-78").Count > 0, "the action update");
        JsonElement body = FakePlatformApi.BodyJson(Assert.Single(Platform.ActionUpdates("a-78")));
        Assert.Equal("FAILED", body.GetProperty("status").GetString());
        Assert.Equal("The lamp burnt out.", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task CompleteAction_UnknownRequestId_ThrowsRecordNotFound()
    {
        RecordNotFoundException failure = await Assert.ThrowsAsync<RecordNotFoundException>(() => Host.ConnectorPlatform.CompleteActionAsync("never-requested"));

        Assert.Equal("action request", failure.RecordKind);
        Assert.Equal("never-requested", failure.Id);
        Assert.Equal("Action request 'never-requested' is not known to this connector.", failure.Message);
    }

    private sealed class DefaultConnector : Connector;
}
