using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Durability.ChildHost;
using Connctd.Connector.Sdk.TestInfrastructure;

namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// The test connector as a child process (<c>dotnet Connctd.Connector.Sdk.Durability.ChildHost.dll</c>), configured
/// through environment variables, so it can be killed hard (<see cref="Kill"/>: SIGKILL on Linux).
/// </summary>
public sealed class ChildConnector : IAsyncDisposable
{
    private const string AssemblyName = "Connctd.Connector.Sdk.Durability.ChildHost";
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;

    private ChildConnector(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the child wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ChildConnector> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ChildAssemblyPath());
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add("http://127.0.0.1:0");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        foreach ((string key, string? value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                string address = line.Data["LISTENING ".Length..].Trim();
                listening.TrySetResult(new Uri(address.EndsWith('/') ? address : address + "/"));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The child connector exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Uri baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new ChildConnector(process, output, baseAddress);
        }
        catch (Exception exception)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            string text;
            lock (output)
            {
                text = output.ToString();
            }

            throw new InvalidOperationException($"The child connector did not start: {exception.Message}\n{text}", exception);
        }
    }

    /// <summary>Queues property updates in the child (through its test endpoint); returns once all are durably queued.</summary>
    public async Task QueueAsync(string instanceId, IEnumerable<ProducedUpdate> updates)
    {
        var list = new JsonArray();
        foreach (ProducedUpdate update in updates)
        {
            list.Add(new JsonObject
            {
                ["externalId"] = update.Property.ExternalId,
                ["propertyId"] = update.Property.PropertyId,
                ["value"] = update.Value,
                ["observedAt"] = update.ObservedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        var body = new JsonObject { ["instanceId"] = instanceId, ["updates"] = list };
        using HttpResponseMessage response = await _http.PostAsync(
            new Uri(DurabilityApp.UpdatesPath.TrimStart('/'), UriKind.Relative),
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The child answered {(int)response.StatusCode} to the updates.\n{Output}");
        }
    }

    /// <summary>Kills the child and everything it started at once (SIGKILL on Linux), and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("The killed child connector did not exit.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // For investigating a failure: CONNCTD_DURABILITY_LOGS names a directory that receives every child's output.
        if (Environment.GetEnvironmentVariable("CONNCTD_DURABILITY_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, $"child-{DateTime.UtcNow:HHmmss.fff}-{_process.Id}.log"), Output);
        }

        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>
    /// The child's assembly: next to the tests when the build copied it with its runtime configuration, otherwise in the
    /// child project's own output folder of the same configuration.
    /// </summary>
    private static string ChildAssemblyPath()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, AssemblyName + ".runtimeconfig.json")))
        {
            return beside;
        }

        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        string own = Path.Combine(PostgresServer.FindRepositoryRoot(), "tests", AssemblyName, "bin", configuration, framework, AssemblyName + ".dll");
        return File.Exists(own) ? own : throw new FileNotFoundException($"The child connector was not built: {own}");
    }
}
