using System.Diagnostics;
using Npgsql;

namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the tests, found as the PostgreSQL store's tests find it: <c>CONNCTD_TEST_POSTGRES</c> when
/// set; otherwise the throwaway server of <c>eng/postgres.sh</c> (<c>.pg/connection-string</c> at the repository root),
/// started by running the script when it does not answer. Never skipped: without a server the tests fail with the reason.
/// </summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "CONNCTD_TEST_POSTGRES";

    private static readonly Lazy<string> ConnectionStringValue = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the server (resolved once per test run).</summary>
    public static string ConnectionString => ConnectionStringValue.Value;

    /// <summary>The repository root (the directory holding <c>eng/postgres.sh</c>).</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "eng", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No eng/postgres.sh was found above {AppContext.BaseDirectory}.");
    }

    private static string Resolve()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        string root = FindRepositoryRoot();
        string file = Path.Combine(root, ".pg", "connection-string");
        if (File.Exists(file))
        {
            string fromFile = File.ReadAllText(file).Trim();
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
        string script = Path.Combine(root, "eng", "postgres.sh");
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add("start");
        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not run {script}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();

        // Generous: on a fresh machine the script may install PostgreSQL first.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} start did not finish within 10 minutes.");
        }

        string[] lines = output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException(
                $"{script} start failed with exit code {process.ExitCode}; set {EnvironmentVariable} to use another server. Its output:\n{error.GetAwaiter().GetResult()}");
        }

        return lines[^1];
    }
}
