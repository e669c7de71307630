namespace Connctd.Connector.Sdk.PostgreSql.Tests;

public sealed class PostgreSqlConnectorStoreKeyRingTests : StoreTestBase
{
    [Fact]
    public void GetKeyElements_Empty_ReturnsEmpty()
    {
        Assert.Empty(Store.GetKeyElements());
    }

    [Fact]
    public void StoreKeyElement_Several_ReturnedInInsertionOrder()
    {
        Store.StoreKeyElement("key-z", "<key id=\"z\"/>");
        Store.StoreKeyElement("key-a", "<key id=\"a\"/>");
        Store.StoreKeyElement("key-m", "<key id=\"m\"/>");

        Assert.Equal(["<key id=\"z\"/>", "<key id=\"a\"/>", "<key id=\"m\"/>"], Store.GetKeyElements());
    }

    [Fact]
    public void StoreKeyElement_SameName_ReplacesAndKeepsPlace()
    {
        Store.StoreKeyElement("key-1", "<key id=\"1\"/>");
        Store.StoreKeyElement("key-2", "<key id=\"2\"/>");

        Store.StoreKeyElement("key-1", "<key id=\"1\" revoked=\"true\"/>");

        Assert.Equal(["<key id=\"1\" revoked=\"true\"/>", "<key id=\"2\"/>"], Store.GetKeyElements());
    }

    [Fact]
    public async Task StoreKeyElement_New_RecordsCreationTimeFromTimeProvider()
    {
        Time.Advance(TimeSpan.FromHours(2));

        Store.StoreKeyElement("key-1", "<key/>");

        var createdAt = await QueryAsync("SELECT created_at FROM {schema}.key_ring WHERE friendly_name = 'key-1';");
        Assert.Equal(T0.AddHours(2).UtcDateTime, (DateTime)createdAt[0]!);
    }

    [Fact]
    public void StoreKeyElement_FreshStoreObjectOnSameFile_ReadsElements()
    {
        Store.StoreKeyElement("key-1", "<key id=\"1\"/>");
        Store.Dispose();

        var reopened = CreateStore();

        Assert.Equal(["<key id=\"1\"/>"], reopened.GetKeyElements());
    }
}
