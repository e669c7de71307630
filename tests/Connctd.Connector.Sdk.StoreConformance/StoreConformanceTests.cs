using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>
/// The base of every conformance test class: a <see cref="ConnectorStoreHarness"/> per test (xunit creates the class
/// per test), disposed after it.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>Creates the tests on a fresh harness.</summary>
    /// <param name="harness">The store implementation's harness for this test.</param>
    protected StoreConformanceTests(ConnectorStoreHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        Harness = harness;
    }

    /// <summary>The harness of this test.</summary>
    protected ConnectorStoreHarness Harness { get; }

    /// <summary>The store of this test.</summary>
    protected IConnectorStore Store => Harness.Store;

    /// <summary>The clock of the store.</summary>
    protected FakeTimeProvider Time => Harness.Time;

    /// <summary>The finest time step the store keeps.</summary>
    protected TimeSpan Resolution => Harness.TimeResolution;

    /// <summary>Counts the rows of a table (to show that nothing was left behind).</summary>
    protected async Task<long> CountAsync(string table) =>
        Convert.ToInt64((await Harness.QueryAsync($"SELECT COUNT(*) FROM {{schema}}.{table};"))[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Stores installation "inst" with instance "i1" (or the instances named).</summary>
    protected Task SeedAsync(params string[] instanceIds) => StoreTestData.SeedAsync(Store, instanceIds);

    /// <summary>Disposes a store object (asynchronously where it can).</summary>
    protected static async Task DisposeStoreAsync(IConnectorStore store)
    {
        if (store is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
            return;
        }

        Assert.IsAssignableFrom<IDisposable>(store).Dispose();
    }

    /// <summary>The key ring of a store: every store of the SDK keeps the data-protection keys too.</summary>
    protected static IKeyRingStore KeyRingOf(IConnectorStore store) => Assert.IsAssignableFrom<IKeyRingStore>(store);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await Harness.DisposeAsync();
}
