using System.Reflection;
using Connctd.Connector.Sdk.Storage.Relational;
using SQLitePCL;

namespace Connctd.Connector.Sdk.Sqlite.Tests;

/// <summary>
/// The store prepares each statement once per connection; a statement SQLite compiles again whenever a value is bound
/// (a <c>LIMIT</c> of a bare parameter, a parameter the planner uses) costs a parse and a plan on every call. Every
/// statement runs twice here, with values bound each time, and must not have been compiled again.
/// </summary>
public sealed class SqliteStatementCompilationTests(TempDirectoryFixture directory) : StoreTestBase(directory)
{
    private const int StatementReprepareCounter = 5; // SQLITE_STMTSTATUS_REPREPARE

    [Fact]
    public async Task EveryStatement_RunAgainWithNewValues_IsNotCompiledAgain()
    {
        await Store.InitializeAsync(Ct);
        using var connection = await Store.OpenSqliteConnectionAsync(Ct);
        sqlite3 database = connection.Handle!;
        var recompiled = new List<string>();
        var statements = typeof(RelationalStatements)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.PropertyType == typeof(string))
            .Select(property => (property.Name, Sql: (string)property.GetValue(SqliteStatements.All)!))
            .ToList();
        Assert.True(statements.Count > 40, $"Only {statements.Count} statements were found.");

        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(database, "BEGIN IMMEDIATE;"));
        try
        {
            foreach ((string name, string sql) in statements)
            {
                int reprepared = RunTwice(database, sql);
                if (reprepared > 0)
                {
                    recompiled.Add($"{name} ({reprepared} times)");
                }
            }
        }
        finally
        {
            raw.sqlite3_exec(database, "ROLLBACK;");
        }

        Assert.True(recompiled.Count == 0, "Compiled again when run again: " + string.Join(", ", recompiled));
    }

    /// <summary>Runs each statement of <paramref name="sql"/> twice with every parameter bound (to null); returns how often SQLite compiled them again.</summary>
    private static int RunTwice(sqlite3 database, string sql)
    {
        var reprepared = 0;
        string remaining = sql;
        while (!string.IsNullOrWhiteSpace(remaining))
        {
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(database, remaining, out sqlite3_stmt statement, out string tail));
            using (statement)
            {
                if (statement.IsInvalid)
                {
                    break; // only a comment or white space was left
                }

                for (var run = 0; run < 2; run++)
                {
                    for (var index = 1; index <= raw.sqlite3_bind_parameter_count(statement); index++)
                    {
                        raw.sqlite3_bind_null(statement, index);
                    }

                    // Null values violate constraints of some writes; the statement is compiled (or not) before that.
                    while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                    {
                    }

                    raw.sqlite3_reset(statement);
                }

                reprepared += raw.sqlite3_stmt_status(statement, StatementReprepareCounter, 0);
            }

            remaining = tail;
        }

        return reprepared;
    }
}
