using System.Diagnostics;
using Connctd.Connector.Sdk.Cli.Internal;

namespace Connctd.Connector.Sdk.Cli.Tests;

/// <summary>The connector process <c>connctd dev --connector</c> starts and stops.</summary>
public sealed class ConnectorProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("connctd-connector-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DotnetRun_Project_RunsItWithoutLaunchProfileAndWithTheSettings()
    {
        ProcessStartInfo start = ConnectorProcess.DotnetRun("samples/LampConnector", new Dictionary<string, string>
        {
            ["Connctd__PublicKey"] = "key",
            ["Connctd__PlatformUrl"] = "http://127.0.0.1:5480/api/v1/",
        });

        Assert.Equal(["run", "--project", "samples/LampConnector", "--no-launch-profile"], start.ArgumentList);
        Assert.Equal("key", start.Environment["Connctd__PublicKey"]);
        Assert.Equal("http://127.0.0.1:5480/api/v1/", start.Environment["Connctd__PlatformUrl"]);
        Assert.False(start.UseShellExecute);
    }

    [Fact]
    public async Task Dispose_ProcessStillRunningAfterTheGrace_ProcessTreeKilled()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string marker = Path.Combine(_directory, "started");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("echo \"$Connctd__PublicKey\" > \"$MARKER\"; sleep 600");
        start.Environment["Connctd__PublicKey"] = "the-key";
        start.Environment["MARKER"] = marker;
        ConnectorProcess process = ConnectorProcess.Start(start, TimeSpan.Zero);
        int id = process.Id;

        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (!File.Exists(marker) || (await File.ReadAllTextAsync(marker, timeout.Token)).Length == 0)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        await process.DisposeAsync();

        Assert.Equal("the-key", (await File.ReadAllTextAsync(marker)).Trim());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(id));
    }

    [Fact]
    public void Start_ProgramMissing_InvalidInput()
    {
        CliException refused = Assert.Throws<CliException>(() => ConnectorProcess.Start(new ProcessStartInfo(Path.Combine(_directory, "no-such-program")), TimeSpan.Zero));

        Assert.Equal(3, refused.ExitCode);
    }
}
