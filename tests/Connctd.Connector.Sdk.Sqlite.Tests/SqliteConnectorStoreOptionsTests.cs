namespace Connctd.Connector.Sdk.Sqlite.Tests;

public sealed class SqliteConnectorStoreOptionsTests
{
    [Fact]
    public void Constructor_DefaultOptions_UsesDefaultFileInCurrentDirectory()
    {
        using var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions());

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "connctd-connector.db"), store.DatabasePath);
    }

    [Fact]
    public void Constructor_RelativePathAndBaseDirectory_ResolvesAgainstBaseDirectory()
    {
        var baseDirectory = Path.Combine(Path.GetTempPath(), "content-root");

        using var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions
        {
            DatabasePath = Path.Combine("data", "store.db"),
            BaseDirectory = baseDirectory,
        });

        Assert.Equal(Path.Combine(baseDirectory, "data", "store.db"), store.DatabasePath);
    }

    [Fact]
    public void Constructor_AbsolutePath_IgnoresBaseDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "elsewhere", "store.db");

        using var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions
        {
            DatabasePath = path,
            BaseDirectory = Path.Combine(Path.GetTempPath(), "content-root"),
        });

        Assert.Equal(path, store.DatabasePath);
    }

    [Fact]
    public void Constructor_ConnectionStringWithRelativeDataSource_ResolvesAgainstBaseDirectory()
    {
        var baseDirectory = Path.Combine(Path.GetTempPath(), "content-root");

        using var store = new SqliteConnectorStore(new SqliteConnectorStoreOptions
        {
            ConnectionString = "Data Source=custom.db;Mode=ReadWriteCreate",
            DatabasePath = "ignored.db",
            BaseDirectory = baseDirectory,
        });

        Assert.Equal(Path.Combine(baseDirectory, "custom.db"), store.DatabasePath);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_BusyTimeoutNotPositive_ThrowsArgument(int milliseconds)
    {
        var options = new SqliteConnectorStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        Assert.Throws<ArgumentException>(() => new SqliteConnectorStore(options));
        Assert.True(new SqliteConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(":memory:")]
    public void Constructor_DatabasePathNotAFile_ThrowsArgument(string path)
    {
        var options = new SqliteConnectorStoreOptions { DatabasePath = path };

        Assert.Throws<ArgumentException>(() => new SqliteConnectorStore(options));
        Assert.True(new SqliteConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    [InlineData("Mode=ReadWriteCreate")]
    [InlineData("Data Source=x.db;Not A Keyword=1")]
    public void Constructor_ConnectionStringNotAFile_ThrowsArgument(string connectionString)
    {
        var options = new SqliteConnectorStoreOptions { ConnectionString = connectionString };

        Assert.Throws<ArgumentException>(() => new SqliteConnectorStore(options));
        Assert.True(new SqliteConnectorStoreOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_ConnectionStringWithPassword_FailureDoesNotShowIt()
    {
        var options = new SqliteConnectorStoreOptions { ConnectionString = "Data Source=:memory:;Password=hunter2" };

        var result = new SqliteConnectorStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new SqliteConnectorStoreOptionsValidator().Validate(null, new SqliteConnectorStoreOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Constructor_NullOptions_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new SqliteConnectorStore(null!));
    }
}
