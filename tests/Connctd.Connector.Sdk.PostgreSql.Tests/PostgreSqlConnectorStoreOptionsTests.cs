using Npgsql;

namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlConnectorStoreOptionsTests
{
    private const string Valid = "Host=127.0.0.1;Database=connector;Username=connector";

    [Fact]
    public void Constructor_ConnectionStringOnly_UsesDefaultSchema()
    {
        using var store = new PostgreSqlConnectorStore(new PostgreSqlConnectorStoreOptions { ConnectionString = Valid });

        Assert.Equal("connctd", store.Schema);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_ConnectionStringMissing_ThrowsArgument(string connectionString)
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = connectionString };

        Assert.Throws<ArgumentException>(() => new PostgreSqlConnectorStore(options));
        Assert.True(new PostgreSqlConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("Host=db;Not A Keyword=1")]
    [InlineData("Host=db;Port=not-a-number")]
    [InlineData("just some text")]
    public void Constructor_ConnectionStringMalformed_ThrowsArgument(string connectionString)
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = connectionString };

        Assert.Throws<ArgumentException>(() => new PostgreSqlConnectorStore(options));
        Assert.True(new PostgreSqlConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Connctd")]
    [InlineData("1abc")]
    [InlineData("my-schema")]
    [InlineData("a\"; DROP TABLE x; --")]
    [InlineData("public.connctd")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234")]
    public void Constructor_SchemaNotPlainLowerCaseIdentifier_ThrowsArgument(string schema)
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = Valid, Schema = schema };

        Assert.Throws<ArgumentException>(() => new PostgreSqlConnectorStore(options));
        Assert.True(new PostgreSqlConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("_")]
    [InlineData("connctd_2")]
    [InlineData("user")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void Validate_SchemaPlainLowerCaseIdentifier_Succeeds(string schema)
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = Valid, Schema = schema };

        Assert.True(new PostgreSqlConnectorStoreOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_CommandTimeoutNotPositive_ThrowsArgument(int milliseconds)
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = Valid, CommandTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        Assert.Throws<ArgumentException>(() => new PostgreSqlConnectorStore(options));
        Assert.True(new PostgreSqlConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Constructor_CommandTimeoutTooLong_ThrowsArgument()
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = Valid, CommandTimeout = TimeSpan.FromDays(25) };

        Assert.Throws<ArgumentException>(() => new PostgreSqlConnectorStore(options));
    }

    [Fact]
    public void Validate_MalformedConnectionStringWithPassword_FailureDoesNotShowIt()
    {
        var options = new PostgreSqlConnectorStoreOptions { ConnectionString = "Host=db;Password=hunter2;Bogus Keyword=1" };

        var result = new PostgreSqlConnectorStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Valid_Succeeds()
    {
        var result = new PostgreSqlConnectorStoreOptionsValidator().Validate(
            null,
            new PostgreSqlConnectorStoreOptions { ConnectionString = Valid, CommandTimeout = TimeSpan.FromMilliseconds(1) });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Constructor_DataSourceWithoutConnectionString_Accepted()
    {
        using var dataSource = NpgsqlDataSource.Create(Valid);

        using var store = new PostgreSqlConnectorStore(dataSource, new PostgreSqlConnectorStoreOptions { Schema = "s1" });

        Assert.Equal("s1", store.Schema);
    }

    [Fact]
    public void Constructor_NullArguments_ThrowArgumentNull()
    {
        using var dataSource = NpgsqlDataSource.Create(Valid);

        Assert.Throws<ArgumentNullException>(() => new PostgreSqlConnectorStore(null!));
        Assert.Throws<ArgumentNullException>(() => new PostgreSqlConnectorStore(null!, new PostgreSqlConnectorStoreOptions()));
        Assert.Throws<ArgumentNullException>(() => new PostgreSqlConnectorStore(dataSource, null!));
    }
}
