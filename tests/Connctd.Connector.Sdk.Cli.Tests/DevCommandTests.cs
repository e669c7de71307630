using System.Text.Json;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Cli.Tests;

/// <summary><c>connctd dev</c> run in-process until cancelled (Ctrl+C): its key file, its settings, its dashboard.</summary>
public sealed class DevCommandTests : IDisposable
{
    private const string Manifest = """
        {
          "name": "Lamp hub", "description": "Lamps", "mode": "PRIVATE",
          "installationCallbackUrl": "https://lamps.example.com/connctd/installations",
          "instanceCallbackUrl": "https://lamps.example.com/connctd/instances",
          "actionCallbackUrl": "https://lamps.example.com/connctd/actions",
          "configurationParameters": [{"id": "apiKey", "name": "API key", "required": true, "valueType": "STRING", "displayType": "PASSWORD"}],
          "customerConfigurationParameters": [{"id": "lamps", "name": "Lamps", "valueType": "NUMBER"}]
        }
        """;

    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Dev_FirstRun_CreatesTheKeyFileOwnerOnlyAndServesTheDashboardWithItsKey()
    {
        string keyFile = _host.Path("keys/dev.key");

        await using DevRun run = await DevRun.StartAsync(_host, "dev", "--json", "--port", "0", "--key-file", keyFile, "--connector-url", "http://127.0.0.1:5999/");

        Assert.True(run.Output.GetProperty("keyPairCreated").GetBoolean());
        string seed = (await File.ReadAllTextAsync(keyFile)).Trim();
        using (RequestSigner signer = RequestSigner.FromPrivateKeySeedBase64(seed))
        {
            Assert.Equal(signer.PublicKey.ToBase64(), run.Output.GetProperty("publicKey").GetString());
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        JsonElement state = await run.GetJsonAsync("dashboard/state");
        Assert.Equal(run.Output.GetProperty("publicKey").GetString(), state.GetProperty("settings").GetProperty("publicKey").GetString());
        Assert.Equal(run.Output.GetProperty("platformUrl").GetString(), state.GetProperty("settings").GetProperty("platformUrl").GetString());
        Assert.Equal("http://127.0.0.1:5999/connctd/installations", run.Output.GetProperty("callbackUrls")[0].GetString());
        Assert.StartsWith("<!DOCTYPE html>", await run.GetTextAsync(""), StringComparison.Ordinal);

        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Dev_SecondRun_SameKeyFile_SamePublicKey()
    {
        string keyFile = _host.Path("dev.key");
        string first;
        await using (DevRun run = await DevRun.StartAsync(_host, "dev", "--json", "--port", "0", "--key-file", keyFile))
        {
            first = run.Output.GetProperty("publicKey").GetString()!;
            Assert.Equal(0, await run.StopAsync());
        }

        await using DevRun second = await DevRun.StartAsync(_host, "dev", "--json", "--port", "0", "--key-file", keyFile);

        Assert.Equal(first, second.Output.GetProperty("publicKey").GetString());
        Assert.False(second.Output.GetProperty("keyPairCreated").GetBoolean());
        Assert.Equal(0, await second.StopAsync());
    }

    [Fact]
    public async Task Dev_PrivateKeyVariable_UsesTheGivenKey()
    {
        using RequestSigner given = RequestSigner.Generate();
        _host.Variables["CONNCTD_PRIVATE_KEY"] = given.ExportPrivateKeySeedBase64();

        await using DevRun run = await DevRun.StartAsync(_host, "dev", "--json", "--port", "0");

        Assert.Equal(given.PublicKey.ToBase64(), run.Output.GetProperty("publicKey").GetString());
        Assert.Equal("$CONNCTD_PRIVATE_KEY", run.Output.GetProperty("keyPair").GetString());
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Dev_Manifest_TheFormsAskItsParametersAndPasswordIsSecret()
    {
        string manifest = _host.Path("manifest.json");
        await File.WriteAllTextAsync(manifest, Manifest);

        await using DevRun run = await DevRun.StartAsync(_host, "dev", "--json", "--port", "0", "--key-file", _host.Path("dev.key"), "--manifest", manifest);

        JsonElement settings = (await run.GetJsonAsync("dashboard/state")).GetProperty("settings");
        JsonElement apiKey = Assert.Single(settings.GetProperty("installationParameters").EnumerateArray());
        Assert.Equal(("apiKey", "PASSWORD", true), (apiKey.GetProperty("id").GetString(), apiKey.GetProperty("displayType").GetString(), apiKey.GetProperty("secret").GetBoolean()));
        Assert.Equal("lamps", Assert.Single(settings.GetProperty("instanceParameters").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Dev_KeyFileWithoutAKey_InvalidInputWithoutStarting()
    {
        string keyFile = _host.Path("broken.key");
        await File.WriteAllTextAsync(keyFile, "not a key\n");

        int exitCode = await _host.RunAsync("dev", "--port", "0", "--key-file", keyFile);

        Assert.Equal(3, exitCode);
        Assert.Contains("broken.key", _host.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not a key", _host.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_ManifestNotAManifest_InvalidInput()
    {
        string manifest = _host.Path("manifest.json");
        await File.WriteAllTextAsync(manifest, """{"name": "x", "colour": "red"}""");

        int exitCode = await _host.RunAsync("dev", "--port", "0", "--key-file", _host.Path("dev.key"), "--manifest", manifest);

        Assert.Equal(3, exitCode);
        Assert.Contains("manifest.json", _host.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_PortOutOfRange_Usage()
    {
        int exitCode = await _host.RunAsync("dev", "--port", "70000", "--key-file", _host.Path("dev.key"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--port", _host.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_PortInUse_UnreachableWithAHint()
    {
        await using DevRun first = await DevRun.StartAsync(_host, "dev", "--json", "--port", "0", "--key-file", _host.Path("dev.key"));
        string port = new Uri(first.Output.GetProperty("dashboardUrl").GetString()!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        int exitCode = await _host.RunAsync("dev", "--port", port, "--key-file", _host.Path("dev.key"));

        Assert.Equal(5, exitCode);
        Assert.Contains("--port", _host.Error, StringComparison.Ordinal);
        Assert.Equal(0, await first.StopAsync());
    }

    /// <summary>One <c>connctd dev</c> running in the background until <see cref="StopAsync"/> cancels it, as Ctrl+C does.</summary>
    private sealed class DevRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task<int> _run;
        private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

        private DevRun(CancellationTokenSource stop, Task<int> run, JsonElement output)
        {
            _stop = stop;
            _run = run;
            Output = output;
        }

        public JsonElement Output { get; }

        public static async Task<DevRun> StartAsync(CliTestHost host, params string[] args)
        {
            var stdout = new StringWriter();
            TextWriter output = TextWriter.Synchronized(stdout);
            var stop = new CancellationTokenSource();
            var environment = new CliEnvironment(new StringReader(""), output, TextWriter.Synchronized(new StringWriter()), host.Variables, host.Time);
            Task<int> run = Task.Run(() => CliApplication.RunAsync(args, environment, stop.Token));

            // The settings are written once the servers listen: wait for them (or for an early exit), at most a minute.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (true)
            {
                string text;
                lock (output)
                {
                    text = stdout.ToString();
                }

                if (TryParse(text) is { } parsed)
                {
                    return new DevRun(stop, run, parsed);
                }

                if (run.IsCompleted)
                {
                    throw new InvalidOperationException($"connctd dev exited with {await run} before it printed its settings: {text}");
                }

                await Task.WhenAny(run, Task.Delay(50, timeout.Token));
            }
        }

        public async Task<JsonElement> GetJsonAsync(string path) =>
            JsonDocument.Parse(await GetTextAsync(path)).RootElement.Clone();

        public Task<string> GetTextAsync(string path) =>
            _http.GetStringAsync(new Uri(new Uri(Output.GetProperty("dashboardUrl").GetString()!), path));

        /// <summary>Cancels the command as Ctrl+C does and returns its exit code.</summary>
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _run.WaitAsync(TimeSpan.FromMinutes(1));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_run.IsCompleted)
            {
                await StopAsync();
            }

            _http.Dispose();
            _stop.Dispose();
        }

        private static JsonElement? TryParse(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            try
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
