using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Reports at start-up a SQLite database inside a directory the host watches for configuration changes (the content
/// root, with the default <c>appsettings.json</c> reload): every commit writes the database's log file, and each write
/// wakes the host's file watcher, which costs the connector a share of its callback throughput (see benchmarks/README.md).
/// </summary>
internal sealed class SqliteLocationCheck(
    IConnectorStore store,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<SqliteLocationCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is SqliteConnectorStore sqlite && FindWatchingDirectory(sqlite.DatabasePath, configuration) is { } directory)
        {
            // A developer edits appsettings.json while the connector runs; a production host has no reason to pay for it.
            LogLevel level = environment.IsDevelopment() ? LogLevel.Information : LogLevel.Warning;
            Log.SqliteDatabaseWatched(logger, level, sqlite.DatabasePath, directory);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The directory watched for a configuration file reloaded on change that holds <paramref name="databasePath"/>, or
    /// null when no such watch covers the database (or the host polls for changes instead).
    /// </summary>
    internal static string? FindWatchingDirectory(string databasePath, IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root || PollsForChanges())
        {
            return null;
        }

        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string database = Path.GetFullPath(databasePath);
        foreach (IConfigurationProvider provider in root.Providers)
        {
            if (provider is FileConfigurationProvider { Source: { ReloadOnChange: true, FileProvider: PhysicalFileProvider watched } })
            {
                // The watcher covers the provider's root and everything below it (a root such as "/" keeps its separator).
                string watchedRoot = Path.GetFullPath(watched.Root);
                string prefix = Path.EndsInDirectorySeparator(watchedRoot) ? watchedRoot : watchedRoot + Path.DirectorySeparatorChar;
                if (database.StartsWith(prefix, comparison))
                {
                    return Path.TrimEndingDirectorySeparator(watchedRoot);
                }
            }
        }

        return null;
    }

    // Polling watches the configuration files alone (the provider's property reads false once its watcher exists, so
    // the setting that switches every provider of the host to polling is read).
    private static bool PollsForChanges() =>
        Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is { } polling &&
        (polling == "1" || polling.Equals("true", StringComparison.OrdinalIgnoreCase));
}
