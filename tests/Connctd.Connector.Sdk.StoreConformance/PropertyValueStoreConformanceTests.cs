using Connctd.Connector.Sdk.Storage;
using static Connctd.Connector.Sdk.StoreConformance.StoreTestData;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every store's <see cref="IPropertyValueStore"/> (last reported property values).</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class PropertyValueStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    private static ReportedPropertyValue Value(string externalId, string component, string property, string value, int second = 0, string instanceId = "i1") =>
        new(instanceId, externalId, component, property, value, T0.AddSeconds(second));

    [Fact]
    public async Task ListPropertyValues_NoneReported_ReturnsEmpty()
    {
        await SeedAsync();

        Assert.Empty(await Store.ListPropertyValuesAsync("i1", "lamp-1", Ct));
    }

    [Fact]
    public async Task RecordPropertyValue_SeveralProperties_ListedPerThingOrderedByComponentAndProperty()
    {
        await SeedAsync("i1", "i2");
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "true"), Ct);
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "brightness", "40"), Ct);
        await Store.RecordPropertyValueAsync(Value("lamp-1", "battery", "level", "90"), Ct);
        await Store.RecordPropertyValueAsync(Value("lamp-2", "lamp", "on", "false"), Ct);
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "false", instanceId: "i2"), Ct);

        IReadOnlyList<ReportedPropertyValue> listed = await Store.ListPropertyValuesAsync("i1", "lamp-1", Ct);

        Assert.Equal([Value("lamp-1", "battery", "level", "90"), Value("lamp-1", "lamp", "brightness", "40"), Value("lamp-1", "lamp", "on", "true")], listed);
    }

    [Fact]
    public async Task RecordPropertyValue_LaterObservation_ReplacesTheValue()
    {
        await SeedAsync();
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "true", second: 1), Ct);

        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "false", second: 2), Ct);

        Assert.Equal([Value("lamp-1", "lamp", "on", "false", second: 2)], await Store.ListPropertyValuesAsync("i1", "lamp-1", Ct));
    }

    [Fact]
    public async Task RecordPropertyValue_EarlierObservation_KeepsTheLaterValue()
    {
        await SeedAsync();
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "true", second: 5), Ct);

        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "false", second: 4), Ct);

        Assert.Equal([Value("lamp-1", "lamp", "on", "true", second: 5)], await Store.ListPropertyValuesAsync("i1", "lamp-1", Ct));
    }

    [Fact]
    public async Task RecordPropertyValue_UnknownInstance_ThrowsInvalidOperationAndKeepsNothing()
    {
        await SeedAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "true", instanceId: "nope"), Ct));

        Assert.Empty(await Store.ListPropertyValuesAsync("nope", "lamp-1", Ct));
    }

    [Fact]
    public async Task DeleteInstance_RemovesItsValues()
    {
        await SeedAsync("i1", "i2");
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "true"), Ct);
        await Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "on", "true", instanceId: "i2"), Ct);

        await Store.DeleteInstanceAsync("i1", Ct);

        Assert.Empty(await Store.ListPropertyValuesAsync("i1", "lamp-1", Ct));
        Assert.Single(await Store.ListPropertyValuesAsync("i2", "lamp-1", Ct));
    }

    [Fact]
    public async Task RecordPropertyValue_BadArguments_Throw()
    {
        await SeedAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.RecordPropertyValueAsync(Value("lamp-1", "", "on", "true"), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.RecordPropertyValueAsync(Value("lamp-1", "lamp", "", "true"), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListPropertyValuesAsync("", "lamp-1", Ct));
        Assert.Empty(await Store.ListPropertyValuesAsync("i1", "lamp-1", Ct));
    }
}
