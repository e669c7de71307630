using System.Diagnostics;
using Connctd.Connector.Sdk.Benchmarks.Common;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// The self-hosted connector as a child process (<c>serve</c> mode): started, read until it listens, stopped. Its
/// platform is a <see cref="PlatformStub"/> in the driver's process, so the stub's work runs on the driver's CPU.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly PlatformStub _platform;

    private ServerProcess(Process process, PlatformStub platform, Uri connectorBase)
    {
        _process = process;
        _platform = platform;
        ConnectorBase = connectorBase;
    }

    /// <summary>Property updates the connector delivered to the platform stub so far.</summary>
    public long PropertyUpdatesDelivered => _platform.PropertyUpdates;

    /// <summary>The base of the callback URLs, e.g. <c>http://127.0.0.1:41234/connctd/</c>.</summary>
    public Uri ConnectorBase { get; }

    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ServerProcess> StartAsync(string publicKey, ServerSpec spec, int? cpu)
    {
        PlatformStub platform = await PlatformStub.StartAsync();
        try
        {
            Process process = Pinning.Start(
                ["serve", "--public-key", publicKey, .. (spec with { PlatformUrl = platform.BaseUrl }).ToArguments()], cpu, redirect: true, HostSettings.Environment(spec.Settings));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    throw new InvalidOperationException($"The server exited during start-up (exit code {(process.HasExited ? process.ExitCode : -1)}).");
                }

                if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    var server = new ServerProcess(process, platform, new Uri(line["LISTENING ".Length..]));
                    _ = Task.Run(() => ForwardAsync(process));
                    return server;
                }
            }
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
            _platform.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task ForwardAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine($"[server] {line}");
        }
    }
}
