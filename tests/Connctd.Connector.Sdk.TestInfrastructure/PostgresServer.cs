using System.Diagnostics;
using Npgsql;

namespace Connctd.Connector.Sdk.TestInfrastructure;

/// <summary>
/// The PostgreSQL server the tests use: <c>CONNCTD_TEST_POSTGRES</c> when set; otherwise the throwaway server of
/// <c>eng/postgres.sh</c> (its connection string is in <c>.pg/connection-string</c> at the repository root), started by
/// running the script when it does not answer. The tests never skip: without a server they fail with the reason.
/// One copy for every test project that needs the server (the PostgreSQL store's tests, the durability suite).
/// </summary>
public static class PostgresServer
{
    /// <summary>The environment variable that names the server (a connection string).</summary>
    public const string EnvironmentVariable = "CONNCTD_TEST_POSTGRES";

    private static readonly Lazy<string> ConnectionStringValue = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the server (resolved once per test run).</summary>
    public static string ConnectionString => ConnectionStringValue.Value;

    /// <summary>A connection string with a small pool of its own (<paramref name="maxPoolSize"/> differs per store, like separate processes).</summary>
    public static string ConnectionStringWithPool(int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>The repository root (the directory holding <c>eng/postgres.sh</c>), found above the test assembly.</summary>
    public static string FindRepositoryRoot() =>
        TryFindRepositoryRoot() ?? throw new InvalidOperationException($"No eng/postgres.sh was found above {AppContext.BaseDirectory}.");

    private static string? TryFindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "eng", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        var root = TryFindRepositoryRoot() ?? throw new InvalidOperationException(
            $"No PostgreSQL server for the tests: {EnvironmentVariable} is not set and no eng/postgres.sh was found above {AppContext.BaseDirectory}.");
        var file = Path.Combine(root, ".pg", "connection-string");
        if (File.Exists(file))
        {
            var fromFile = File.ReadAllText(file).Trim();
            if (fromFile.Length > 0 && CanConnect(fromFile))
            {
                return fromFile;
            }
        }

        return Start(root);
    }

    private static bool CanConnect(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Runs <c>eng/postgres.sh start</c> (idempotent) and returns the connection string it prints.</summary>
    private static string Start(string root)
    {
        var script = Path.Combine(root, "eng", "postgres.sh");
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add("start");
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Generous: on a fresh machine the script may install PostgreSQL first.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} start did not finish within 10 minutes.");
        }

        var lines = output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException(
                $"{script} start failed with exit code {process.ExitCode}; set {EnvironmentVariable} to use another server. Its output:\n{error.GetAwaiter().GetResult()}");
        }

        return lines[^1];
    }
}
