using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Runtime;

/// <summary>The platform removes what a callback is working on: the connector answers the race, never 500, and keeps nothing of what was removed.</summary>
public sealed class RemovalRaceTests : HostedTest
{
    [Fact]
    public async Task Act_InstanceRemovedWhileHookRuns_AnswersFailedNot500()
    {
        await InstallAndInstantiateAsync("inst-1", "i-1", lamps: 1);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Behavior.Action = async (context, ct) =>
        {
            entered.TrySetResult();
            await release.Task;
            await context.Platform.UpdatePropertyAsync(ThingReference.ById(context.ThingId), "lamp", "on", "true", cancellationToken: ct);
            return ActionOutcome.Completed();
        };

        Task<HttpResponseMessage> action = Callbacks.ActAsync("a-1", "thing-1");
        await entered.Task.WaitAsync(Eventually.DefaultTimeout);
        using (HttpResponseMessage removed = await Callbacks.RemoveInstanceAsync("i-1"))
        {
            await ProtocolAssert.StatusAsync(removed, HttpStatusCode.NoContent);
        }

        release.SetResult();
        using HttpResponseMessage answer = await action;

        await ProtocolAssert.StatusAsync(answer, HttpStatusCode.Accepted);
        Assert.Equal("FAILED", (await CallbackSender.JsonAsync(answer)).GetProperty("status").GetString());
        Assert.DoesNotContain("the connector's hook failed", Host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instantiate_RacingUninstallation_Answers201Or404NeverLeavesAnInstance()
    {
        for (var round = 0; round < 10; round++)
        {
            string installation = "inst-" + round;
            string instance = "i-" + round;
            using (HttpResponseMessage installed = await Callbacks.InstallAsync(installation))
            {
                await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
            }

            Behavior.Instantiate = async (_, _) =>
            {
                await Task.Yield();
                return SetupOutcome.Completed();
            };
            Task<HttpResponseMessage> instantiation = Callbacks.InstantiateAsync(instance, installation, configuration: """[{"id":"lamps","value":"1"}]""");
            Task<HttpResponseMessage> uninstallation = Callbacks.UninstallAsync(installation);
            using HttpResponseMessage instantiated = await instantiation;
            using HttpResponseMessage uninstalled = await uninstallation;

            Assert.True(
                instantiated.StatusCode is HttpStatusCode.Created or HttpStatusCode.NotFound,
                $"round {round}: instantiation answered {(int)instantiated.StatusCode}: {await instantiated.Content.ReadAsStringAsync()}");
            await ProtocolAssert.StatusAsync(uninstalled, HttpStatusCode.NoContent);
            Assert.Null(await Host.Store.GetInstallationAsync(installation, CancellationToken.None));
            Assert.Null(await Host.Store.GetInstanceAsync(instance, CancellationToken.None));
        }
    }
}
