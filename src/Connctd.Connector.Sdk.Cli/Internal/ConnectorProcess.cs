using System.Diagnostics;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>
/// The connector project <c>connctd dev --connector</c> starts: <c>dotnet run --project</c> with the settings of the
/// Developer Center in its environment, its output in this terminal. Stopped with the Developer Center: Ctrl+C in the
/// terminal reaches it too and it stops by itself; if it has not within the grace period, its process tree is killed.
/// </summary>
internal sealed class ConnectorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _grace;

    private ConnectorProcess(Process process, TimeSpan grace)
    {
        _process = process;
        _grace = grace;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the process exits, with its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>How <c>dotnet run</c> is started for a project: no launch profile (it would override the address), the settings as environment variables.</summary>
    /// <param name="project">The project file or its directory.</param>
    /// <param name="settings">The environment variables to set, for example <c>Connctd__PublicKey</c>.</param>
    /// <returns>The start info.</returns>
    public static ProcessStartInfo DotnetRun(string project, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "run", "--project", project, "--no-launch-profile" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in settings)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Starts a process.</summary>
    /// <param name="start">What to start.</param>
    /// <param name="grace">How long a stop waits for the process to end by itself before it kills the process tree.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="CliException">The program could not be started.</exception>
    public static ConnectorProcess Start(ProcessStartInfo start, TimeSpan grace)
    {
        try
        {
            Process process = Process.Start(start) ?? throw new CliException(CliExitCodes.InvalidInput, $"Could not start {start.FileName}.");
            return new ConnectorProcess(process, grace);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"Could not start {start.FileName}: {exception.Message}");
        }
    }

    /// <summary>Waits the grace period for the process to end, then kills its process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using var grace = new CancellationTokenSource(_grace);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
