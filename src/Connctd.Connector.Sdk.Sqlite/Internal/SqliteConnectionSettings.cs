using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite;

/// <summary>What the store derives from its options: the connection string, the full file path and the pragmas of every connection.</summary>
/// <param name="ConnectionString">The Microsoft.Data.Sqlite connection string, with the data source as a full path.</param>
/// <param name="DatabasePath">The full path of the database file.</param>
/// <param name="ConnectionPragmas">The pragmas run on every opened connection.</param>
internal sealed record SqliteConnectionSettings(string ConnectionString, string DatabasePath, string ConnectionPragmas)
{
    /// <summary>Checks the options and derives the settings, or says what to fix.</summary>
    public static bool TryCreate(
        SqliteConnectorStoreOptions options,
        [NotNullWhen(true)] out SqliteConnectionSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = null;
        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"SqliteConnectorStoreOptions.BusyTimeout must be positive and at most 24 days; it is {options.BusyTimeout}.");
            return false;
        }

        string baseDirectory;
        try
        {
            baseDirectory = string.IsNullOrWhiteSpace(options.BaseDirectory)
                ? Directory.GetCurrentDirectory()
                : Path.GetFullPath(options.BaseDirectory);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"SqliteConnectorStoreOptions.BaseDirectory must be a directory path; it is '{options.BaseDirectory}'.";
            return false;
        }

        SqliteConnectionStringBuilder builder;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                // The value is not shown: a connection string may hold a password.
                error = "SqliteConnectorStoreOptions.ConnectionString is not a valid Microsoft.Data.Sqlite connection string.";
                return false;
            }

            if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
            {
                error = "SqliteConnectorStoreOptions.ConnectionString must name a database file (Data Source=<path>): an in-memory database does not outlive its connection.";
                return false;
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.DatabasePath) || options.DatabasePath == ":memory:")
            {
                error = $"SqliteConnectorStoreOptions.DatabasePath must name a database file, such as '{SqliteConnectorStoreOptions.DefaultDatabasePath}'; it is '{options.DatabasePath}'.";
                return false;
            }

            builder = new SqliteConnectionStringBuilder
            {
                DataSource = options.DatabasePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,

                // Microsoft.Data.Sqlite retries a busy statement until the command timeout; keep it as long as the busy timeout.
                DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
            };
        }

        try
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"SqliteConnectorStoreOptions: the database path '{builder.DataSource}' is not a valid file path.";
            return false;
        }

        var busyTimeoutMilliseconds = (int)Math.Ceiling(options.BusyTimeout.TotalMilliseconds);
        var pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = FULL;");
        settings = new SqliteConnectionSettings(builder.ToString(), builder.DataSource, pragmas);
        error = null;
        return true;
    }
}
