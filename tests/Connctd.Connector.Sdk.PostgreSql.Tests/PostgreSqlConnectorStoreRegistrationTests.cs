using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

/// <summary><c>UsePostgreSql</c> on the connector builder: with a connection string, or with an <see cref="NpgsqlDataSource"/> from DI.</summary>
public sealed class PostgreSqlConnectorStoreRegistrationTests : IAsyncLifetime
{
    private readonly string _schema = PostgreSqlStoreHarness.NewSchemaName();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task UsePostgreSql_DataSourceInServices_StoreUsesItAndLeavesItOpen()
    {
        var services = new ServiceCollection();
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        services.AddSingleton(dataSource);
        new Builder(services).UsePostgreSql(options => options.Schema = _schema);

        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            IConnectorStore store = provider.GetRequiredService<IConnectorStore>();
            PostgreSqlConnectorStore postgres = Assert.IsType<PostgreSqlConnectorStore>(store);
            Assert.Equal(_schema, postgres.Schema);
            await postgres.InitializeAsync(CancellationToken.None);
            await postgres.PingAsync(CancellationToken.None);
        }

        // The provider disposed the store; the application's data source is still usable.
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = @schema", connection);
        command.Parameters.AddWithValue("schema", _schema);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task UsePostgreSql_ConnectionString_StoreHasItsOwnPool()
    {
        var services = new ServiceCollection();
        new Builder(services).UsePostgreSql(PostgresServer.ConnectionString, options => options.Schema = _schema);
        await using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var store = Assert.IsType<PostgreSqlConnectorStore>(provider.GetRequiredService<IConnectorStore>());
        await store.PingAsync(CancellationToken.None);
        Assert.Equal(_schema, store.Schema);
    }

    [Fact]
    public void UsePostgreSql_NeitherConnectionStringNorDataSource_FailsAtStartNamingBoth()
    {
        var services = new ServiceCollection();
        new Builder(services).UsePostgreSql();
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        string failure = Assert.Single(exception.Failures);
        Assert.Contains("ConnectionString", failure, StringComparison.Ordinal);
        Assert.Contains("NpgsqlDataSource", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void UsePostgreSql_BadSchema_FailsAtStartNamingTheOption()
    {
        var services = new ServiceCollection();
        new Builder(services).UsePostgreSql(PostgresServer.ConnectionString, options => options.Schema = "Bad-Name");
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Schema", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    /// <summary>The builder as a package other than the hosting one sees it: only the services.</summary>
    private sealed class Builder(IServiceCollection services) : IConnctdConnectorBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
