using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every store's <see cref="IKeyRingStore"/> (the data-protection keys).</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class KeyRingStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    private IKeyRingStore KeyRing => KeyRingOf(Store);

    [Fact]
    public void GetKeyElements_Empty_ReturnsEmpty()
    {
        Assert.Empty(KeyRing.GetKeyElements());
    }

    [Fact]
    public void StoreKeyElement_Several_ReturnedInInsertionOrder()
    {
        KeyRing.StoreKeyElement("key-z", "<key id=\"z\"/>");
        KeyRing.StoreKeyElement("key-a", "<key id=\"a\"/>");
        KeyRing.StoreKeyElement("key-m", "<key id=\"m\"/>");

        Assert.Equal(["<key id=\"z\"/>", "<key id=\"a\"/>", "<key id=\"m\"/>"], KeyRing.GetKeyElements());
    }

    [Fact]
    public void StoreKeyElement_SameName_ReplacesAndKeepsPlace()
    {
        KeyRing.StoreKeyElement("key-1", "<key id=\"1\"/>");
        KeyRing.StoreKeyElement("key-2", "<key id=\"2\"/>");

        KeyRing.StoreKeyElement("key-1", "<key id=\"1\" revoked=\"true\"/>");

        Assert.Equal(["<key id=\"1\" revoked=\"true\"/>", "<key id=\"2\"/>"], KeyRing.GetKeyElements());
    }

    [Fact]
    public async Task StoreKeyElement_New_RecordsCreationTimeFromTimeProvider()
    {
        Time.Advance(TimeSpan.FromHours(2));

        KeyRing.StoreKeyElement("key-1", "<key/>");

        var createdAt = await Harness.QueryAsync("SELECT created_at FROM {schema}.key_ring WHERE friendly_name = 'key-1';");
        Assert.Equal(T0.AddHours(2), Harness.ReadTime(createdAt[0]));
    }

    [Fact]
    public async Task StoreKeyElement_FreshStoreObjectOnSameDatabase_ReadsElements()
    {
        KeyRing.StoreKeyElement("key-1", "<key id=\"1\"/>");
        await DisposeStoreAsync(Store);

        var reopened = KeyRingOf(Harness.OpenStore());

        Assert.Equal(["<key id=\"1\"/>"], reopened.GetKeyElements());
    }
}
