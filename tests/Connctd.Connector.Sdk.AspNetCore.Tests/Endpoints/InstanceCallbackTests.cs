using System.Net;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;
using WireMock.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

public sealed class InstanceCallbackTests : HostedTest
{
    [Fact]
    public async Task Instantiate_HookCompletes_Answers201AfterCreatingEveryThingWithInstanceToken()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1", "installation-token-A");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", "instance-token-B", """[{"id":"lamps","value":"3"}]""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        IReadOnlyList<ILogEntry> creations = Platform.ThingCreations();
        Assert.Equal(3, creations.Count);
        foreach (ILogEntry creation in creations)
        {
            Assert.Equal("instance-token-B", FakePlatformApi.BearerToken(creation));
            CreateThingRequest? request = JsonSerializer.Deserialize(creation.RequestMessage.Body!, ConnctdJson.GetTypeInfo<CreateThingRequest>());
            Assert.NotNull(request);
            Assert.Equal("", request.Thing.Id);
            Assert.Empty(ThingValidator.Validate(request.Thing));
            Assert.Equal("core.LIGHT", request.Thing.DisplayType);
        }

        Assert.Equal(["Lamp 1", "Lamp 2", "Lamp 3"], Platform.CreatedThingNames().Order());
        IReadOnlyList<ThingMapping> things = await Host.Store.ListThingsAsync("i-1", CancellationToken.None);
        Assert.Equal(3, things.Count);
        Assert.All(things, thing => Assert.Equal(ThingMappingState.Created, thing.State));
        Assert.Equal(["thing-1", "thing-2", "thing-3"], things.Select(thing => thing.ThingId!).Order());
        InstanceRecord? stored = await Host.Store.GetInstanceAsync("i-1", CancellationToken.None);
        Assert.Equal(LifecycleState.Complete, stored?.State);
        Assert.Equal(ThingCreationStatus.Completed, stored?.ThingCreation);
    }

    [Fact]
    public async Task Instantiate_HookGetsInstanceInstallationAndToken_PassesValuesAsSent()
    {
        InstanceContext? seen = null;
        Behavior.Instantiate = (context, _) =>
        {
            seen = context;
            return ValueTask.FromResult(SetupOutcome.Completed());
        };
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1", configuration: """[{"id":"region","value":"eu"}]""");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1", "tok-i", """[{"id":"lamps","value":"1"}]""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        Assert.NotNull(seen);
        Assert.Equal("i-1", seen.Instance.Id);
        Assert.Equal("inst-1", seen.Instance.InstallationId);
        Assert.Equal("inst-1", seen.Installation.Id);
        Assert.Equal("eu", seen.Installation.Configuration.GetString("region"));
        Assert.True(seen.Instance.Configuration.TryGetNumber("lamps", out double lamps));
        Assert.Equal(1, lamps);
        Assert.Equal("tok-i", seen.Token.Reveal());
    }

    [Fact]
    public async Task Instantiate_HookOngoing_Answers202WithFurtherStepAndCreatesNoThings()
    {
        Behavior.Instantiate = (_, _) => ValueTask.FromResult(SetupOutcome.Ongoing(
            FurtherStep.FromMarkdown("Press the **pair** button."), JsonDocument.Parse("""{"pairing":true}""").RootElement.Clone()));
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        JsonElement body = await CallbackSender.JsonAsync(response);
        Assert.Equal(2, body.GetProperty("furtherStep").GetProperty("type").GetInt32());
        Assert.True(body.GetProperty("details").GetProperty("pairing").GetBoolean());
        Assert.Empty(Platform.ThingCreations());
        Assert.Equal(LifecycleState.Ongoing, (await Host.Store.GetInstanceAsync("i-1", CancellationToken.None))?.State);
    }

    [Fact]
    public async Task Instantiate_HookUnauthorized_Answers401NotAuthorizedAndKeepsNothing()
    {
        Behavior.Instantiate = (_, _) => ValueTask.FromResult(SetupOutcome.Unauthorized("Bad credentials."));
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.NotAuthorized);
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_HookForbidden_Answers403ForbiddenAndKeepsNothing()
    {
        Behavior.Instantiate = (_, _) => ValueTask.FromResult(SetupOutcome.Forbidden("Not in this region."));
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_HookThrows_Answers500WithoutExceptionText()
    {
        Behavior.Instantiate = (_, _) => throw new InvalidOperationException("upstream said: secret-detail-77");
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        JsonElement body = await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        Assert.DoesNotContain("secret-detail-77", body.GetRawText(), StringComparison.Ordinal);
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
    }

    [Fact]
    public async Task Instantiate_UnknownInstallation_Answers404InstallationNotFound()
    {
        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "never-installed");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.NotFound, ErrorCodes.InstallationNotFound);
        Assert.Equal(0, Behavior.CallCount("instantiate:"));
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_PlatformAnswers500ToCreateThing_Answers502ThingCreationFailed()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Platform.FailThingCreation(500);

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadGateway, ErrorCodes.ThingCreationFailed);
        Assert.Empty(await Host.ConnectorPlatform.GetThingsAsync("i-1"));
    }

    [Fact]
    public async Task Instantiate_ConnectorDescribesInvalidThing_Answers500AndSendsNothing()
    {
        Behavior.Things = _ =>
        [
            new ThingTemplate("ok", TestConnectorBehavior.Lamp("Fine lamp")),
            new ThingTemplate("bad", TestConnectorBehavior.Lamp("Broken lamp") with { DisplayType = "", MainComponentId = "missing" }),
        ];
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_DuplicateExternalIds_Answers500AndSendsNothing()
    {
        Behavior.Things = _ =>
        [
            new ThingTemplate("same", TestConnectorBehavior.Lamp("Lamp A")),
            new ThingTemplate("same", TestConnectorBehavior.Lamp("Lamp B")),
        ];
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        Assert.Empty(Platform.ThingCreations());
    }

    [Fact]
    public async Task Instantiate_InstanceOfAnotherInstallation_Answers400InvalidBody()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1");
        using HttpResponseMessage other = await Callbacks.InstallAsync("inst-2");

        using HttpResponseMessage response = await Callbacks.InstantiateAsync("i-1", "inst-2");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
        Assert.Equal("inst-1", (await Host.Store.GetInstanceAsync("i-1", CancellationToken.None))?.InstallationId);
    }

    [Fact]
    public async Task RemoveInstance_KnownInstance_Answers204AndForgetsItsThings()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2);

        using HttpResponseMessage response = await Callbacks.RemoveInstanceAsync("i-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.Equal(1, Behavior.CallCount("remove:i-1"));
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        Assert.NotNull(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
        using HttpResponseMessage action = await Callbacks.ActAsync("a-1", "thing-1");
        await ProtocolAssert.ErrorAsync(action, HttpStatusCode.BadRequest, ErrorCodes.MappingNotFound);
    }

    [Fact]
    public async Task RemoveInstance_HookGetsInstanceAndItsInstallation()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        InstanceRemovalContext? seen = null;
        Behavior.RemoveInstance = context =>
        {
            seen = context;
            return ValueTask.CompletedTask;
        };

        using HttpResponseMessage response = await Callbacks.RemoveInstanceAsync("i-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.NotNull(seen);
        Assert.Equal("i-1", seen.Instance.Id);
        Assert.Equal("1", seen.Instance.Configuration["lamps"]);
        Assert.Equal("inst-1", seen.Installation.Id);
    }

    [Fact]
    public async Task RemoveInstance_UnknownInstance_Answers204WithoutHook()
    {
        using HttpResponseMessage response = await Callbacks.RemoveInstanceAsync("never-instantiated");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.Equal(0, Behavior.CallCount("remove:"));
    }

    [Fact]
    public async Task RemoveInstance_ThenInstantiateAgain_CreatesThingsAfresh()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2);
        using HttpResponseMessage removed = await Callbacks.RemoveInstanceAsync("i-1");

        // A new instantiation by the platform is signed after the removal (one signed in its second is refused as a replay).
        using HttpResponseMessage again = await Callbacks.InstantiateAsync(
            "i-1", "inst-1", configuration: """[{"id":"lamps","value":"2"}]""", date: DateTimeOffset.UtcNow.AddSeconds(2));

        await ProtocolAssert.StatusAsync(again, HttpStatusCode.Created);
        Assert.Equal(4, Platform.SuccessfulThingCreations().Count);
        Assert.Equal(["thing-3", "thing-4"], (await Host.ConnectorPlatform.GetThingsAsync("i-1")).Select(thing => thing.ThingId).Order());
    }

    [Theory]
    [InlineData("i/1", "/connctd/instances/i%2F1")]
    [InlineData("i/1", "/connctd/instances/i%2f1?reason=x")]
    [InlineData("i 1", "/connctd/instances/i%201")]
    [InlineData("i%2F1", "/connctd/instances/i%252F1")]
    [InlineData("i%1", "/connctd/instances/i%251")]
    public async Task RemoveInstance_IdWithReservedCharacters_RemovesThatInstance(string instanceId, string target)
    {
        await InstallAndInstantiateAsync("inst-1", instanceId, lamps: 1);
        await InstallAndInstantiateAsync("inst-1", "i-other", lamps: 1);

        RawResponse response = await Callbacks.SendRawAsync("DELETE", target);

        Assert.Equal(204, response.Status);
        Assert.Null(await Host.Store.GetInstanceAsync(instanceId, CancellationToken.None));
        Assert.NotNull(await Host.Store.GetInstanceAsync("i-other", CancellationToken.None));
        Assert.Equal(1, Behavior.CallCount("remove:"));
    }
}
