using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>A fresh temporary directory for one test class, deleted with everything in it when the class is done.</summary>
public sealed class TempDirectoryFixture : IDisposable
{
    public string DirectoryPath { get; } = Directory.CreateTempSubdirectory("connctd-sqlite-tests-").FullName;

    /// <summary>A path for a database file no other test uses.</summary>
    public string NewDatabasePath() => Path.Combine(DirectoryPath, Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DirectoryPath, recursive: true);
    }
}
