using System.Net;
using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

public sealed class InstallationCallbackTests : HostedTest
{
    [Fact]
    public async Task Install_HookCompletes_Answers201AndStoresInstallation()
    {
        using HttpResponseMessage response = await Callbacks.InstallAsync("inst-1", configuration: """[{"id":"region","value":"eu"}]""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        InstallationRecord? stored = await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(LifecycleState.Complete, stored.State);
        Assert.Equal("eu", Assert.Single(stored.Configuration).Value);
        Assert.DoesNotContain("installation-token-secret", stored.ProtectedToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_HookGetsConfigurationAndToken_PassesValuesAsSent()
    {
        InstallationContext? seen = null;
        Behavior.Install = (context, _) =>
        {
            seen = context;
            return ValueTask.FromResult(SetupOutcome.Completed());
        };

        using HttpResponseMessage response = await Callbacks.InstallAsync("inst-1", "tok-123", """[{"id":"apiKey","value":"k"},{"id":"region","value":"eu"}]""");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Created);
        Assert.NotNull(seen);
        Assert.Equal("inst-1", seen.Installation.Id);
        Assert.Equal("tok-123", seen.Token.Reveal());
        Assert.Equal("eu", seen.Installation.Configuration.GetString("region"));
        Assert.Equal("k", seen.Installation.Configuration["apiKey"]);
    }

    [Fact]
    public async Task Install_HookOngoingWithRedirect_Answers202WithFurtherStepAndDetails()
    {
        JsonElement details = JsonDocument.Parse("""{"step":"consent","attempt":1}""").RootElement.Clone();
        Behavior.Install = (_, _) => ValueTask.FromResult(
            SetupOutcome.Ongoing(FurtherStep.RedirectTo(new Uri("https://auth.example.com/consent?state=abc")), details));

        using HttpResponseMessage response = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.Accepted);
        JsonElement body = await CallbackSender.JsonAsync(response);
        Assert.Equal(3, body.GetProperty("furtherStep").GetProperty("type").GetInt32());
        Assert.Equal("https://auth.example.com/consent?state=abc", body.GetProperty("furtherStep").GetProperty("content").GetString());
        Assert.Equal("consent", body.GetProperty("details").GetProperty("step").GetString());
        Assert.Equal(1, body.GetProperty("details").GetProperty("attempt").GetInt32());
        InstallationRecord? stored = await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None);
        Assert.Equal(LifecycleState.Ongoing, stored?.State);
    }

    [Fact]
    public async Task Install_HookUnauthorized_Answers401NotAuthorizedAndKeepsNothing()
    {
        Behavior.Install = (_, _) => ValueTask.FromResult(SetupOutcome.Unauthorized("The API key was rejected."));

        using HttpResponseMessage response = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.NotAuthorized);
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Install_HookForbidden_Answers403ForbiddenAndKeepsNothing()
    {
        Behavior.Install = (_, _) => ValueTask.FromResult(SetupOutcome.Forbidden("Unknown region."));

        using HttpResponseMessage response = await Callbacks.InstallAsync("inst-1");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Install_HookThrows_Answers500WithoutExceptionText()
    {
        Behavior.Install = (_, _) => throw new InvalidOperationException("db-password=hunter2 at line 42");

        using HttpResponseMessage response = await Callbacks.InstallAsync("inst-1");

        JsonElement body = await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        string raw = body.GetRawText();
        Assert.DoesNotContain("hunter2", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", raw, StringComparison.Ordinal);
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Install_AfterHookThrew_RetryRunsHookAgainAndSucceeds()
    {
        int attempts = 0;
        Behavior.Install = (_, _) => ++attempts == 1
            ? throw new InvalidOperationException("first attempt fails")
            : ValueTask.FromResult(SetupOutcome.Completed());

        using HttpResponseMessage first = await Callbacks.InstallAsync("inst-1");
        using HttpResponseMessage second = await Callbacks.InstallAsync("inst-1");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.Created);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Uninstall_KnownInstallation_Answers204AndForgetsItsInstancesAndThings()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2);

        using HttpResponseMessage response = await Callbacks.UninstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.Equal(1, Behavior.CallCount("uninstall:inst-1"));
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
        Assert.Null(await Host.Store.GetInstanceAsync("i-1", CancellationToken.None));
        using HttpResponseMessage action = await Callbacks.ActAsync("a-1", "thing-1");
        await ProtocolAssert.ErrorAsync(action, HttpStatusCode.BadRequest, ErrorCodes.MappingNotFound);
        Assert.Equal(0, Behavior.CallCount("action:"));
    }

    [Fact]
    public async Task Uninstall_HookGetsInstallationAndTheInstancesRemovedWithIt()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        using (HttpResponseMessage second = await Callbacks.InstantiateAsync("i-2", "inst-1", "instance-token-2", """[{"id":"lamps","value":"1"}]"""))
        {
            await ProtocolAssert.StatusAsync(second, HttpStatusCode.Created);
        }

        UninstallationContext? seen = null;
        Behavior.Uninstall = context =>
        {
            seen = context;
            return ValueTask.CompletedTask;
        };

        using HttpResponseMessage response = await Callbacks.UninstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.NotNull(seen);
        Assert.Equal("inst-1", seen.Installation.Id);
        Assert.Equal(["i-1", "i-2"], seen.Instances.Select(instance => instance.Id).Order());
        Assert.All(seen.Instances, instance => Assert.Equal("inst-1", instance.InstallationId));
        Assert.Equal(0, Behavior.CallCount("remove:"));
    }

    [Fact]
    public async Task Uninstall_UnknownInstallation_Answers204WithoutHook()
    {
        using HttpResponseMessage response = await Callbacks.UninstallAsync("never-installed");

        await ProtocolAssert.StatusAsync(response, HttpStatusCode.NoContent);
        Assert.Equal(0, Behavior.CallCount("uninstall:"));
    }

    [Fact]
    public async Task Uninstall_Repeated_Answers204BothTimesAndRunsHookOnce()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");

        using HttpResponseMessage first = await Callbacks.UninstallAsync("inst-1");
        using HttpResponseMessage second = await Callbacks.UninstallAsync("inst-1");

        await ProtocolAssert.StatusAsync(first, HttpStatusCode.NoContent);
        await ProtocolAssert.StatusAsync(second, HttpStatusCode.NoContent);
        Assert.Equal(1, Behavior.CallCount("uninstall:inst-1"));
    }

    [Fact]
    public async Task Uninstall_HookThrows_Answers500ButRemovesData()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1");
        Behavior.Uninstall = _ => throw new InvalidOperationException("cleanup failed: secret-detail");

        using HttpResponseMessage response = await Callbacks.UninstallAsync("inst-1");

        JsonElement body = await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        Assert.DoesNotContain("secret-detail", body.GetRawText(), StringComparison.Ordinal);
        Assert.Null(await Host.Store.GetInstallationAsync("inst-1", CancellationToken.None));
    }

    [Fact]
    public async Task Uninstall_IdWithEncodedSlash_RemovesThatInstallation()
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync("inst/1");

        RawResponse response = await Callbacks.SendRawAsync("DELETE", "/connctd/installations/inst%2F1");

        Assert.Equal(204, response.Status);
        Assert.Null(await Host.Store.GetInstallationAsync("inst/1", CancellationToken.None));
        Assert.Equal(1, Behavior.CallCount("uninstall:inst/1"));
    }
}
