using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql;

/// <summary>What the store derives from its options.</summary>
/// <param name="ConnectionString">The Npgsql connection string; null when the store was given a data source.</param>
/// <param name="Schema">The schema name, checked to be a plain lower-case identifier.</param>
/// <param name="CommandTimeoutSeconds">The command timeout in whole seconds (at least 1).</param>
internal sealed partial record PostgreSqlSettings(string? ConnectionString, string Schema, int CommandTimeoutSeconds)
{
    /// <summary>The longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes; the allowed characters are one byte each).</summary>
    private const int MaxIdentifierLength = 63;

    /// <summary>The schema as a quoted identifier, safe to put into SQL text (it is checked to be a plain identifier too).</summary>
    public string QuotedSchema => "\"" + Schema + "\"";

    /// <summary>Checks the options and derives the settings, or says what to fix.</summary>
    public static bool TryCreate(
        PostgreSqlConnectorStoreOptions options,
        bool requireConnectionString,
        [NotNullWhen(true)] out PostgreSqlSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = null;
        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout.TotalMilliseconds > int.MaxValue)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"PostgreSqlConnectorStoreOptions.CommandTimeout must be positive and at most 24 days; it is {options.CommandTimeout}.");
            return false;
        }

        if (string.IsNullOrEmpty(options.Schema) || options.Schema.Length > MaxIdentifierLength || !SchemaPattern().IsMatch(options.Schema))
        {
            error = $"PostgreSqlConnectorStoreOptions.Schema must be lower-case letters, digits and underscores, start with a letter or an underscore and have at most {MaxIdentifierLength} characters, such as '{PostgreSqlConnectorStoreOptions.DefaultSchema}'; it is '{options.Schema}'.";
            return false;
        }

        string? connectionString = null;
        if (requireConnectionString)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                error = "PostgreSqlConnectorStoreOptions.ConnectionString is required: an Npgsql connection string such as 'Host=db;Database=connector;Username=connector;Password=…'.";
                return false;
            }

            try
            {
                connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // The value is not shown: a connection string may hold a password.
                error = "PostgreSqlConnectorStoreOptions.ConnectionString is not a valid Npgsql connection string (an unknown keyword or a malformed value).";
                return false;
            }
        }

        settings = new PostgreSqlSettings(
            connectionString,
            options.Schema,
            (int)Math.Min(int.MaxValue, Math.Ceiling(options.CommandTimeout.TotalSeconds)));
        error = null;
        return true;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
