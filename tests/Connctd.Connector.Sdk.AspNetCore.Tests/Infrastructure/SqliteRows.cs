using Microsoft.Data.Sqlite;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>Reads a store's SQLite file as it is on disk, read-only and outside the store, for tests that check raw rows.</summary>
public static class SqliteRows
{
    /// <summary>The first column of every row <paramref name="sql"/> selects, as text.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string databasePath, string sql)
    {
        Assert.True(File.Exists(databasePath), $"No database file at {databasePath}.");
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
