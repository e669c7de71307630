using Connctd.Connector.Sdk.Storage;
using System.Net;
using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Internal;

/// <summary>No token value ever reaches the log, on success paths and on failure paths, at every level.</summary>
public sealed partial class LogTests : HostedTest
{
    private const string InstallationToken = "tok-INSTALLATION-5d41402abc4b2a76";
    private const string RenewedInstallationToken = "tok-INSTALLATION-RENEWED-7d793037a0760186";
    private const string InstanceToken = "tok-INSTANCE-9e107d9d372bb6826bd8";
    private const string FailingInstanceToken = "tok-INSTANCE-FAILING-e4d909c290d0fb1c";
    private const string ForgedToken = "tok-FORGED-45c48cce2e2d7fbdea1a";
    private const string MalformedToken = "tok-MALFORMED-6512bd43d9caa6e02c99";
    private const string EchoedToken = "tok-ECHOED-c20ad4d76fe97759aa27";

    private static readonly string[] Tokens =
        [InstallationToken, RenewedInstallationToken, InstanceToken, FailingInstanceToken, ForgedToken, MalformedToken];

    [Fact]
    public async Task FullLifecycleWithFailures_CapturedLogs_ContainNoTokenValue()
    {
        ILogger hookLog = Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TestConnector");
        Behavior.Install = (context, _) =>
        {
            Installing(hookLog, context, context.Token);
            return ValueTask.FromResult(SetupOutcome.Completed());
        };
        Behavior.Instantiate = (context, _) =>
        {
            Instantiating(hookLog, context, context.Token);
            return ValueTask.FromResult(SetupOutcome.Completed());
        };
        Behavior.Action = (context, _) => context.ActionId == "explode"
            ? throw new InvalidOperationException($"Device failure for {context}")
            : ValueTask.FromResult(ActionOutcome.Pending());

        // Success paths: install (twice, new token), instantiate, pending action completed later, updates.
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 2, InstallationToken, InstanceToken);
        using (HttpResponseMessage renewed = await Callbacks.InstallAsync("inst-1", RenewedInstallationToken))
        {
            await ProtocolAssert.StatusAsync(renewed, HttpStatusCode.Created);
        }

        using (HttpResponseMessage pending = await Callbacks.ActAsync("a-1", "thing-1"))
        {
            await ProtocolAssert.StatusAsync(pending, HttpStatusCode.Accepted);
        }

        await Host.ConnectorPlatform.CompleteActionAsync("a-1");
        await Host.ConnectorPlatform.UpdatePropertyAsync(ThingReference.ById("thing-2"), "lamp", "on", "true");
        await Host.ConnectorPlatform.ReportInstallationStateAsync("inst-1", LifecycleState.Complete);

        // Failure paths: hook exception, platform refusing a thing, platform echoing a token back, refused requests.
        using (HttpResponseMessage exploded = await Callbacks.ActAsync("a-2", "thing-1", actionId: "explode"))
        {
            await ProtocolAssert.ErrorAsync(exploded, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        }

        Guid failure = Platform.FailThingCreation(500);
        using (HttpResponseMessage failed = await Callbacks.InstantiateAsync("i-2", "inst-1", FailingInstanceToken))
        {
            await ProtocolAssert.ErrorAsync(failed, HttpStatusCode.BadGateway, ErrorCodes.ThingCreationFailed);
        }

        Platform.Fix(failure);
        Platform.Server.Given(Request.Create().WithPath(FakePlatformApi.ThingsPath + "/thing-1/status").UsingPut())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"error":"NOT_AUTHORIZED","description":"token {{InstanceToken}} {{EchoedToken}} is not valid","status":401,"requestId":"r-9"}"""));
        // Queued in the outbox; the platform's 401 (echoing the token) dead-letters it.
        await Host.ConnectorPlatform.UpdateThingStatusAsync(ThingReference.ById("thing-1"), Things.ThingStatus.Available);
        DeadLetter echoed = await Eventually.ValueAsync(
            async () => (await Host.Store.ListDeadLettersAsync(10, CancellationToken.None)).FirstOrDefault(letter => letter.StatusCode == 401));
        Assert.DoesNotContain(InstanceToken, echoed.Error, StringComparison.Ordinal);

        using RequestSigner forger = RequestSigner.Generate();
        using (HttpResponseMessage forged = await Callbacks.SendAsync(
            HttpMethod.Post, "/connctd/installations",
            Encoding.UTF8.GetBytes($$"""{"id":"inst-x","token":"{{ForgedToken}}","state":1,"configuration":[]}"""), signWith: forger))
        {
            await ProtocolAssert.ErrorAsync(forged, HttpStatusCode.BadRequest, ErrorCodes.BadSignature);
        }

        using (HttpResponseMessage malformed = await Callbacks.PostAsync(
            "/connctd/installations", $$"""{"id":"inst-y","token":"{{MalformedToken}}","state":1,"configuration":[}"""))
        {
            await ProtocolAssert.ErrorAsync(malformed, HttpStatusCode.BadRequest, ErrorCodes.InvalidJsonBody);
        }

        using (HttpResponseMessage wrongType = await Callbacks.PostAsync(
            "/connctd/installations", $$"""{"id":"inst-z","token":"{{MalformedToken}}","state":1,"configuration":[{"id":"a","value":1}]}"""))
        {
            await ProtocolAssert.ErrorAsync(wrongType, HttpStatusCode.BadRequest, ErrorCodes.BadRequestBody);
        }

        Behavior.Uninstall = context => throw new InvalidOperationException($"Cleanup failed for {context.Installation}");
        using (HttpResponseMessage uninstalled = await Callbacks.UninstallAsync("inst-1"))
        {
            await ProtocolAssert.ErrorAsync(uninstalled, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        }

        await Host.StopAsync();

        string logs = Host.AllLogText();
        Assert.Contains("inst-1", logs, StringComparison.Ordinal);
        Assert.Contains("Device failure", logs, StringComparison.Ordinal);
        Assert.Contains("Installing", logs, StringComparison.Ordinal);
        foreach (string token in Tokens)
        {
            Assert.False(logs.Contains(token, StringComparison.Ordinal), $"The log reveals token {token}.");
        }

        Assert.DoesNotContain(EchoedToken[4..], logs, StringComparison.Ordinal);
    }

    [LoggerMessage(1, LogLevel.Information, "Installing {Context} with {Token}")]
    private static partial void Installing(ILogger logger, InstallationContext context, Security.InstallationToken token);

    [LoggerMessage(2, LogLevel.Information, "Instantiating {Context} with {Token}")]
    private static partial void Instantiating(ILogger logger, InstanceContext context, Security.InstanceToken token);
}
