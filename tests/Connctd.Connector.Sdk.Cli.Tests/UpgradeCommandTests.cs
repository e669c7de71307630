using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Cli.Tests;

/// <summary><c>connctd upgrade status</c> on a real SQLite store, and <c>connctd upgrade rollout</c>.</summary>
public sealed class UpgradeCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly CliTestHost _host = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _host.Dispose();
    }

    [Fact]
    public async Task Status_Json_ListsEveryInstallationAndInstanceWithItsVersionAndWhetherItWouldUpgrade()
    {
        string file = await SeedAsync();

        Assert.Equal(0, await _host.RunAsync("upgrade", "status", "--sqlite", file, "--version", "2", "--json"));

        JsonArray rows = JsonNode.Parse(_host.Output)!.AsArray();
        Assert.Equal(["installation/inst-1", "instance/i-1", "instance/i-2", "instance/i-3"], rows.Select(row => row!["kind"]!.GetValue<string>() + "/" + row["id"]!.GetValue<string>()));
        Assert.Equal([2, 1, 1, 0], rows.Select(row => row!["version"]!.GetValue<int>()));
        Assert.Equal([false, true, true, true], rows.Select(row => row!["wouldUpgrade"]!.GetValue<bool>()));
        Assert.Equal("FAILED", rows[1]!["status"]!.GetValue<string>());
        Assert.Equal("boom", rows[1]!["lastError"]!.GetValue<string>());
        Assert.Equal(2, rows[1]!["targetVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_TargetedInstance_ListsOnlyIt()
    {
        string file = await SeedAsync();

        Assert.Equal(0, await _host.RunAsync("upgrade", "status", "--sqlite", file, "--instance", "i-2"));

        string[] lines = _host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("KIND", lines[0], StringComparison.Ordinal);
        Assert.Contains("i-2", lines[1], StringComparison.Ordinal);
        Assert.Contains("UP_TO_DATE", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoStore_ExitsInvalidInputWithWhatToGive()
    {
        Assert.Equal(3, await _host.RunAsync("upgrade", "status"));
        Assert.Contains("--sqlite <file> or --postgres", _host.Error, StringComparison.Ordinal);

        Assert.Equal(3, await _host.RunAsync("upgrade", "status", "--sqlite", _host.Path("missing.db")));
        Assert.Contains("does not exist", _host.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_host.Path("missing.db")));

        Assert.Equal(3, await _host.RunAsync("upgrade", "status", "--postgres"));
        Assert.Contains("CONNCTD_POSTGRES", _host.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_TargetedInstances_PrintsTheSettingsThatStartTheConnectorForThem()
    {
        Assert.Equal(0, await _host.RunAsync("upgrade", "rollout", "--instance", "i-2", "--instance", "i-5", "--version", "3", "--json"));

        JsonNode output = JsonNode.Parse(_host.Output)!;
        JsonObject environment = output["environment"]!.AsObject();
        Assert.Equal("i-2", environment["Connctd__Upgrade__Instances__0"]!.GetValue<string>());
        Assert.Equal("i-5", environment["Connctd__Upgrade__Instances__1"]!.GetValue<string>());
        Assert.Equal("3", environment["Connctd__Upgrade__Version"]!.GetValue<string>());
        Assert.Equal("false", environment["Connctd__Upgrade__DryRun"]!.GetValue<string>());
        Assert.Equal(4, environment.Count);
    }

    [Fact]
    public async Task Rollout_DryRunOfAnInstallation_PrintsEnvironmentLines()
    {
        Assert.Equal(0, await _host.RunAsync("upgrade", "rollout", "--installation", "inst-1", "--dry-run"));

        Assert.Contains("report what would change for installation inst-1", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Connctd__Upgrade__Installations__0=inst-1", _host.Output, StringComparison.Ordinal);
        Assert.Contains("Connctd__Upgrade__DryRun=true", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_BadVersionOrEmptyId_ExitsInvalidInput()
    {
        Assert.Equal(3, await _host.RunAsync("upgrade", "rollout", "--version", "0"));
        Assert.Contains("--version (0) must be a positive connector version", _host.Error, StringComparison.Ordinal);
        Assert.Equal(3, await _host.RunAsync("upgrade", "rollout", "--instance", " "));
        Assert.Contains("non-empty id", _host.Error, StringComparison.Ordinal);
    }

    /// <summary>A store with one installation at version 2 and three instances: failed at 1, up to date at 1, never recorded.</summary>
    private async Task<string> SeedAsync()
    {
        string file = _host.Path("connector.db");
        await using var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = file });
        await store.SaveInstallationAsync(new InstallationRecord("inst-1", "protected", [], LifecycleState.Complete, T0, T0), CancellationToken.None);
        foreach (string id in new[] { "i-1", "i-2", "i-3" })
        {
            await store.SaveInstanceAsync(new InstanceRecord(id, "inst-1", "protected", [], LifecycleState.Complete, ThingCreationStatus.Completed, T0, T0), CancellationToken.None);
        }

        await store.RecordUpgradeBaselineAsync("installation/inst-1", 2, T0, CancellationToken.None);
        await store.RecordUpgradeBaselineAsync("instance/i-1", 1, T0, CancellationToken.None);
        await store.TryClaimUpgradeAsync("instance/i-1", 2, "replica", T0, TimeSpan.FromMinutes(1), CancellationToken.None);
        await store.FailUpgradeAsync("instance/i-1", "replica", "boom", T0, T0.AddMinutes(1), CancellationToken.None);
        await store.RecordUpgradeBaselineAsync("instance/i-2", 1, T0, CancellationToken.None);
        return file;
    }
}
