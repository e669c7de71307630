using System.CommandLine;
using System.Globalization;
using Connctd.Connector.Sdk.Cli.Internal;
using Connctd.Connector.Sdk.PostgreSql;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.Cli.Commands;

/// <summary>
/// <c>upgrade status</c>: the version each installation and instance of a connector's store is at, and which a
/// version would upgrade (a dry run of the hooks); <c>upgrade rollout</c>: the settings that start the connector for a
/// targeted roll-out or a dry run (<c>Connctd:Upgrade</c>).
/// </summary>
internal sealed class UpgradeCommands(CliEnvironment environment, CommonOptions common)
{
    /// <summary>The environment variable the PostgreSQL connection string is read from (it may hold a password).</summary>
    public const string PostgresVariable = "CONNCTD_POSTGRES";

    public Command Build()
    {
        var installations = new Option<string[]>("--installation")
        {
            Description = "An installation to roll out to (with its instances); repeat for more.",
            AllowMultipleArgumentsPerToken = false,
        };
        var instances = new Option<string[]>("--instance")
        {
            Description = "An instance to roll out to (without its installation); repeat for more.",
            AllowMultipleArgumentsPerToken = false,
        };
        var version = new Option<int?>("--version") { Description = "The connector version to compare with or to set (Connctd:Upgrade:Version); default: the connector's own." };
        var sqlite = new Option<FileInfo?>("--sqlite") { Description = "The connector's SQLite store file." };
        var postgres = new Option<bool>("--postgres") { Description = $"Read the connector's PostgreSQL store; the connection string comes from the environment variable {PostgresVariable}." };
        var schema = new Option<string>("--schema") { Description = "The PostgreSQL schema of the store.", DefaultValueFactory = _ => "connctd" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Start the connector so that it only reports what it would upgrade and re-sync (Connctd:Upgrade:DryRun)." };

        var status = new Command("status", "Show the version each installation and instance of a store was last upgraded to, its last failure, and — with --version — which would be upgraded.")
        {
            sqlite, postgres, schema, version, installations, instances,
        };
        status.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(environment, parse, common, output => StatusAsync(
            output,
            parse.GetValue(sqlite),
            parse.GetValue(postgres),
            parse.GetValue(schema)!,
            parse.GetValue(version),
            Targets(parse.GetValue(installations)),
            Targets(parse.GetValue(instances)),
            cancellationToken), cancellationToken));

        var rollout = new Command("rollout", "Print the settings that start the connector for a targeted roll-out (--installation/--instance) or a dry run; without targets, for every installation.")
        {
            installations, instances, version, dryRun,
        };
        rollout.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(environment, parse, common, output =>
            Task.FromResult(Rollout(output, Targets(parse.GetValue(installations)), Targets(parse.GetValue(instances)), parse.GetValue(version), parse.GetValue(dryRun))), cancellationToken));

        return new Command("upgrade", "Roll out a new connector version: see where each installation and instance stands, and start the connector for chosen ones first.") { status, rollout };
    }

    private static string[] Targets(string[]? values)
    {
        string[] targets = values ?? [];
        if (targets.Any(string.IsNullOrWhiteSpace))
        {
            throw new CliException(CliExitCodes.InvalidInput, "--installation and --instance need a non-empty id.");
        }

        return [.. targets.Select(target => target.Trim())];
    }

    private static int Rollout(CliOutput output, string[] installations, string[] instances, int? version, bool dryRun)
    {
        if (version is <= 0)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"--version ({version}) must be a positive connector version.");
        }

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int index = 0; index < installations.Length; index++)
        {
            settings[$"Connctd__Upgrade__Installations__{index.ToString(CultureInfo.InvariantCulture)}"] = installations[index];
        }

        for (int index = 0; index < instances.Length; index++)
        {
            settings[$"Connctd__Upgrade__Instances__{index.ToString(CultureInfo.InvariantCulture)}"] = instances[index];
        }

        if (version is { } number)
        {
            settings["Connctd__Upgrade__Version"] = number.ToString(CultureInfo.InvariantCulture);
        }

        settings["Connctd__Upgrade__DryRun"] = dryRun ? "true" : "false";
        if (output.Json)
        {
            output.WriteJson(new RolloutOutput(installations, instances, version, dryRun, settings), CliJsonContext.Default.RolloutOutput);
            return CliExitCodes.Ok;
        }

        string who = installations.Length == 0 && instances.Length == 0
            ? "every installation and instance"
            : string.Join(", ", installations.Select(id => "installation " + id).Concat(instances.Select(id => "instance " + id)));
        output.Out.WriteLine($"Start the connector with these environment variables to {(dryRun ? "report what would change for" : "upgrade and re-sync")} {who}:");
        foreach ((string name, string value) in settings)
        {
            output.Out.WriteLine($"{name}={value}");
        }

        if (!dryRun && (installations.Length > 0 || instances.Length > 0))
        {
            output.Out.WriteLine("Once they are done ('connctd upgrade status'), start it without the lists for the rest.");
        }

        return CliExitCodes.Ok;
    }

    private async Task<int> StatusAsync(
        CliOutput output, FileInfo? sqlite, bool postgres, string schema, int? version, string[] installations, string[] instances, CancellationToken cancellationToken)
    {
        if (version is <= 0)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"--version ({version}) must be a positive connector version.");
        }

        IConnectorStore store = OpenStore(sqlite, postgres, schema);
        try
        {
            IReadOnlyList<UpgradeRecord> records = await store.ListUpgradesAsync(cancellationToken).ConfigureAwait(false);
            Dictionary<string, UpgradeRecord> bySubject = records.ToDictionary(record => record.Subject, StringComparer.Ordinal);
            bool all = installations.Length == 0 && instances.Length == 0;
            List<UpgradeStatusRow> rows = [];
            foreach (InstallationRecord installation in await store.ListInstallationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (all || installations.Contains(installation.Id, StringComparer.Ordinal))
                {
                    rows.Add(Row("installation", installation.Id, installation.Id, bySubject, version));
                }

                foreach (InstanceRecord instance in await store.ListInstancesAsync(installation.Id, cancellationToken).ConfigureAwait(false))
                {
                    if (all || installations.Contains(installation.Id, StringComparer.Ordinal) || instances.Contains(instance.Id, StringComparer.Ordinal))
                    {
                        rows.Add(Row("instance", instance.Id, installation.Id, bySubject, version));
                    }
                }
            }

            if (output.Json)
            {
                output.WriteJson(rows, CliJsonContext.Default.IReadOnlyListUpgradeStatusRow);
                return CliExitCodes.Ok;
            }

            output.WriteTable(
                ["KIND", "ID", "INSTALLATION", "VERSION", "STATUS", "ATTEMPTS", "WOULD UPGRADE", "LAST ERROR"],
                rows.Select(row => new[]
                {
                    row.Kind, row.Id, row.InstallationId, row.Version.ToString(CultureInfo.InvariantCulture), row.Status,
                    row.Attempts.ToString(CultureInfo.InvariantCulture), row.WouldUpgrade is { } would ? (would ? "yes" : "no") : null, row.LastError,
                }));
            return CliExitCodes.Ok;
        }
        finally
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static UpgradeStatusRow Row(string kind, string id, string installationId, Dictionary<string, UpgradeRecord> records, int? version)
    {
        UpgradeRecord? record = records.GetValueOrDefault(kind + "/" + id);
        int at = record?.Version ?? 0;
        return new UpgradeStatusRow(
            kind,
            id,
            installationId,
            at,
            CliOutput.Name(record?.Status ?? UpgradeStatus.UpToDate),
            record?.Attempts ?? 0,
            record?.TargetVersion,
            record?.LastError,
            version is { } target ? at < target : null);
    }

    private IConnectorStore OpenStore(FileInfo? sqlite, bool postgres, string schema)
    {
        if ((sqlite is null) == !postgres)
        {
            throw new CliException(CliExitCodes.InvalidInput, "Give the connector's store: --sqlite <file> or --postgres (with the connection string in " + PostgresVariable + ").");
        }

        if (sqlite is not null)
        {
            if (!sqlite.Exists)
            {
                throw new CliException(CliExitCodes.InvalidInput, $"The SQLite store '{sqlite.FullName}' does not exist.");
            }

            return new SqliteConnectorStore(new SqliteConnectorStoreOptions { DatabasePath = sqlite.FullName });
        }

        if (!environment.Variables.TryGetValue(PostgresVariable, out string? connectionString) || string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CliException(CliExitCodes.InvalidInput, $"--postgres reads the connection string from the environment variable {PostgresVariable}, which is not set.");
        }

        return new PostgreSqlConnectorStore(new PostgreSqlConnectorStoreOptions { ConnectionString = connectionString, Schema = schema });
    }
}
