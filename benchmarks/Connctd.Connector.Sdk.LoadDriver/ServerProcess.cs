using System.Diagnostics;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>The self-hosted connector as a child process (<c>serve</c> mode): started, read until it listens, stopped.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri connectorBase)
    {
        _process = process;
        ConnectorBase = connectorBase;
    }

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
        Process process = Pinning.Start(["serve", "--public-key", publicKey, .. spec.ToArguments()], cpu, redirect: true, HostSettings.Environment(spec.Settings));
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
                var server = new ServerProcess(process, new Uri(line["LISTENING ".Length..]));
                _ = Task.Run(() => ForwardAsync(process));
                return server;
            }
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
