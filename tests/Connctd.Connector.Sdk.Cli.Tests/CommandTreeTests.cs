using System.CommandLine;
using System.Diagnostics;

namespace Connctd.Connector.Sdk.Cli.Tests;

public sealed class CommandTreeTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> CommandPaths()
    {
        var paths = new TheoryData<string> { "" };
        RootCommand root = CliApplication.BuildRootCommand(new CliEnvironment(TextReader.Null, TextWriter.Null, TextWriter.Null, new Dictionary<string, string>()));
        void Walk(Command command, string prefix)
        {
            foreach (Command child in command.Subcommands)
            {
                string path = (prefix + " " + child.Name).Trim();
                paths.Add(path);
                Walk(child, path);
            }
        }

        Walk(root, "");
        return paths;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_EveryCommand_ShowsUsageAndExitsOk(string path)
    {
        string[] args = [.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];

        Assert.Equal(0, await _host.RunAsync(args));

        Assert.Contains("Usage:", _host.Output, StringComparison.Ordinal);
        Assert.Contains("connctd", _host.Output, StringComparison.Ordinal);
        Assert.Empty(_host.Server.LogEntries);
    }

    [Fact]
    public void CommandPaths_Tree_HasEveryDocumentedCommand()
    {
        HashSet<string> paths = CommandPaths().Cast<object[]>().Select(row => (string)row[0]).ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "publish", "list publications", "list installations", "list instances", "install", "instantiate",
                "remove publication", "remove installation", "remove instance", "keys generate",
                "callback install", "callback instantiate", "callback action", "callback remove-installation", "callback remove-instance",
            },
            paths);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("list", "installations")]
    [InlineData("list", "publications", "--unknown")]
    [InlineData("callback", "install")]
    [InlineData("callback", "install", "--url", "not a url")]
    [InlineData("list", "publications", "--api-base", "ftp://x")]
    public async Task Parse_UsageError_ExitsUsageWithoutCalling(params string[] args)
    {
        Assert.Equal(2, await _host.RunAsync(args));

        Assert.StartsWith("error:", _host.Error, StringComparison.Ordinal);
        Assert.Empty(_host.Server.LogEntries);
    }

    [Fact]
    public async Task Process_HelpAndUsageError_ExitCodes()
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "connctd.dll");
        Assert.True(File.Exists(tool), tool);

        (int help, string helpOutput) = await RunProcessAsync(tool, "--help");
        (int usage, _) = await RunProcessAsync(tool, "list", "installations");

        Assert.Equal(0, help);
        Assert.Contains("Usage:", helpOutput, StringComparison.Ordinal);
        Assert.Equal(2, usage);
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await error;
        return (process.ExitCode, await output);
    }
}
