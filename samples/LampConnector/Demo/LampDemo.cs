using System.Text;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LampConnector.Demo;

/// <summary>
/// <c>dotnet run --project samples/LampConnector -- demo</c>: the Lamp connector and a fake connctd platform on this
/// machine, walked through the whole protocol. Exit code 0 when every expectation held, 1 when one failed, 2 when the
/// demo could not run or took too long.
/// </summary>
public static class LampDemo
{
    /// <summary>The demo ends with exit code 2 if it has not finished by then.</summary>
    public static readonly TimeSpan OverallTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the demo, writing to the console.</summary>
    /// <param name="args">Extra command-line arguments for the connector's host.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return await RunAsync(args, Console.Out);
    }

    /// <summary>Runs the demo, writing to <paramref name="output"/>.</summary>
    /// <param name="args">Extra command-line arguments for the connector's host.</param>
    /// <param name="output">Where the steps are printed.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var console = new DemoConsole(output);
        using var overall = new CancellationTokenSource(OverallTimeout);
        string directory = Path.Combine(Path.GetTempPath(), "connctd-lamp-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await RunStepsAsync(args, console, directory, overall.Token);
            console.Summary();
            return console.Failed == 0 ? 0 : 1;
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            console.Check($"the demo finishes within {OverallTimeout.TotalSeconds:0} s", false);
            console.Summary();
            return 2;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task RunStepsAsync(string[] args, DemoConsole console, string directory, CancellationToken cancellationToken)
    {
        console.Title("connctd connector SDK: the Lamp connector against a fake connctd platform");
        console.Info("Both run on this machine, on 127.0.0.1; nothing leaves it.");

        // 1. The platform publishes the connector: a key pair whose public key the connector is configured with.
        await using FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync(
            new FakeConnctdPlatformOptions { DefaultTimeout = WaitTimeout }, cancellationToken);
        await using WebApplication app = LampConnectorApp.Create(args, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(platform.ConnectorSettings);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connctd:Sqlite:DatabasePath"] = Path.Combine(directory, "lamps.db"),
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new DemoLoggerProvider(console));
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

            // The demo keeps its key ring unencrypted in the temporary store (the SDK's default); no need to warn here.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        });

        console.Step("Publish: the platform makes the publication's key pair; the connector trusts its public key");
        console.Info($"Connctd__PublicKey   = {platform.PublicKeyBase64}");
        console.Info($"Connctd__PlatformUrl = {platform.PlatformUrl}");
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        ConnectorUnderTest connector = platform.ConnectTo(address, LampConnectorApp.CallbackPath);
        console.Info($"The connector listens on {address}; its callbacks are under {connector.CallbackBaseUrl}");
        console.Check("the connector started with the platform's public key", true);

        // 2. Install.
        console.Step("Install: an app installs the connector");
        long mark = platform.Requests.Count;
        SetupCallbackResponse installation = await connector.InstallAsync(cancellationToken: cancellationToken);
        console.Sent(installation);
        console.Check($"installation answered 201 Created, so {installation.Id} is COMPLETE", installation.StatusCode == 201 && installation.State == LifecycleState.Complete);

        // 3. Instantiate, and the things it creates.
        console.Step("Instantiate: a customer of the app adds 2 lamps");
        SetupCallbackResponse instance = await connector.InstantiateAsync(
            installation.Id, new Dictionary<string, string> { [LampHubConnector.LampsParameter] = "2" }, cancellationToken: cancellationToken);
        console.Sent(instance);
        console.Check($"instantiation answered 201 Created, so {instance.Id} is COMPLETE", instance.StatusCode == 201 && instance.State == LifecycleState.Complete);
        IReadOnlyList<RecordedThing> things = await Expect(console, "the platform received 2 lamp things", () => platform.WaitForThingsAsync(instance.Id, 2, cancellationToken: cancellationToken)) ?? [];
        console.Received(platform.Requests.Skip((int)mark));
        foreach (RecordedThing thing in things)
        {
            console.Info($"{thing.ThingId}: \"{thing.Thing.Name}\" ({thing.Thing.DisplayType}), component {thing.Thing.MainComponentId}: on={thing.GetPropertyValue("lamp", "on")}, brightness={thing.GetPropertyValue("lamp", "brightness")}");
        }

        string lamp = things.Count > 0 ? things[0].ThingId : "thing-1";

        // 4. setOn: completes at once and sends the new value.
        console.Step($"Action setOn(on=true) on {lamp}: done at once");
        mark = platform.Requests.Count;
        ActionCallbackResponse setOn = await connector.SendActionAsync(
            lamp, LampThings.Component, LampThings.SetOn, new Dictionary<string, string> { [LampThings.On] = "true" }, cancellationToken: cancellationToken);
        console.Sent(setOn);
        console.Check("setOn answered 204 No Content (COMPLETED)", setOn.StatusCode == 204 && setOn.Status == ActionStatus.Completed);
        await Expect(console, $"the platform holds lamp/on = true for {lamp}", () => platform.WaitForPropertyAsync(lamp, LampThings.Component, LampThings.On, "true", cancellationToken: cancellationToken));
        console.Received(platform.Requests.Skip((int)mark));

        // 5. setBrightness: pending, then completed about a second later with the new value.
        console.Step($"Action setBrightness(brightness=40) on {lamp}: pending, finished by the hub a second later");
        mark = platform.Requests.Count;
        ActionCallbackResponse dim = await connector.SendActionAsync(
            lamp, LampThings.Component, LampThings.SetBrightness, new Dictionary<string, string> { [LampThings.Brightness] = "40" }, cancellationToken: cancellationToken);
        console.Sent(dim);
        console.Check("setBrightness answered 202 Accepted with status PENDING", dim.StatusCode == 202 && dim.Status == ActionStatus.Pending);
        console.Info("… the simulated hub dims the lamp …");
        await Expect(console, $"the platform received COMPLETED for {dim.ActionRequestId}", () => platform.WaitForActionUpdateAsync(dim.ActionRequestId, ActionStatus.Completed, cancellationToken: cancellationToken));
        await Expect(console, $"the platform holds lamp/brightness = 40 for {lamp}", () => platform.WaitForPropertyAsync(lamp, LampThings.Component, LampThings.Brightness, "40", cancellationToken: cancellationToken));
        console.Received(platform.Requests.Skip((int)mark));

        // 6. A bad parameter.
        console.Step("Action setBrightness(brightness=150): out of range");
        ActionCallbackResponse tooBright = await connector.SendActionAsync(
            lamp, LampThings.Component, LampThings.SetBrightness, new Dictionary<string, string> { [LampThings.Brightness] = "150" }, cancellationToken: cancellationToken);
        console.Sent(tooBright);
        console.Check("refused with 400, so the action FAILED", tooBright.StatusCode == 400 && tooBright.Status == ActionStatus.Failed);

        // 7. Callbacks the platform did not send, or sent long ago.
        console.Step("Forged and replayed callbacks: refused before the connector's code runs");
        mark = platform.Requests.Count;
        ActionCallbackResponse forged = await connector.SendActionAsync(
            lamp, LampThings.Component, LampThings.SetOn, new Dictionary<string, string> { [LampThings.On] = "false" },
            signing: CallbackSigning.WrongKey, cancellationToken: cancellationToken);
        console.Sent(forged);
        console.Check("a forged callback is refused: 400 BAD_SIGNATURE", forged.StatusCode == 400 && forged.ErrorCode == ErrorCodes.BadSignature);
        ActionCallbackResponse stale = await connector.SendActionAsync(
            lamp, LampThings.Component, LampThings.SetOn, new Dictionary<string, string> { [LampThings.On] = "false" },
            signing: CallbackSigning.StaleDate, cancellationToken: cancellationToken);
        console.Sent(stale);
        console.Check("a stale (replayed) callback is refused: 400 STALE_REQUEST", stale.StatusCode == 400 && stale.ErrorCode == ErrorCodes.StaleRequest);
        ActionCallbackResponse tampered = await connector.SendActionAsync(
            lamp, LampThings.Component, LampThings.SetOn, new Dictionary<string, string> { [LampThings.On] = "false" },
            signing: CallbackSigning.TamperedBody, cancellationToken: cancellationToken);
        console.Sent(tampered);
        console.Check("a tampered callback is refused: 400 BAD_SIGNATURE", tampered.StatusCode == 400 && tampered.ErrorCode == ErrorCodes.BadSignature);
        console.Check($"the lamp stayed on: lamp/on of {lamp} is still true", platform.GetPropertyValue(lamp, LampThings.Component, LampThings.On) == "true");
        console.Received(platform.Requests.Skip((int)mark));

        // 8. Remove the instance, then uninstall.
        console.Step($"Remove instance {instance.Id}");
        CallbackResponse removed = await connector.RemoveInstanceAsync(instance.Id, cancellationToken: cancellationToken);
        console.Sent(removed);
        console.Check("instance removal answered 204 No Content", removed.StatusCode == 204);
        console.Check("the platform deleted the instance's things", platform.GetThings(instance.Id).Count == 0);

        console.Step($"Uninstall {installation.Id}");
        CallbackResponse uninstalled = await connector.UninstallAsync(installation.Id, cancellationToken: cancellationToken);
        console.Sent(uninstalled);
        console.Check("uninstallation answered 204 No Content", uninstalled.StatusCode == 204);

        await app.StopAsync(cancellationToken);
    }

    /// <summary>Awaits an expectation of the platform; a timeout is a failed check, not a crash.</summary>
    private static async Task<T?> Expect<T>(DemoConsole console, string description, Func<Task<T>> wait)
        where T : class
    {
        try
        {
            T result = await wait();
            console.Check(description, true);
            return result;
        }
        catch (FakePlatformTimeoutException exception)
        {
            console.Check($"{description} ({exception.Observed})", false);
            return null;
        }
    }
}
