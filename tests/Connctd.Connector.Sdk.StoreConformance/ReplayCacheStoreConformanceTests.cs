using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every store's <see cref="IReplayCacheStore"/> (accepted lifecycle callbacks).</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class ReplayCacheStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    private static AcceptedCallback Accepted(string subject, string hash, int signedSecond, bool removal = false, int expiresInMinutes = 11) =>
        new(subject, hash, T0.AddSeconds(signedSecond), removal, T0, T0.AddMinutes(expiresInMinutes));

    [Fact]
    public async Task ListAcceptedCallbacks_Unknown_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListAcceptedCallbacksAsync("installation/none", T0, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAcceptedCallbacks_Several_ListedPerSubjectInAcceptanceOrderWithEveryField()
    {
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h2", 5)], CancellationToken.None);
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h1", 1, removal: true), Accepted("instance/b", "h1", 1, removal: true)], CancellationToken.None);

        IReadOnlyList<AcceptedCallback> listed = await Store.ListAcceptedCallbacksAsync("installation/a", T0, CancellationToken.None);

        Assert.Equal([Accepted("installation/a", "h2", 5), Accepted("installation/a", "h1", 1, removal: true)], listed);
        Assert.Equal([Accepted("instance/b", "h1", 1, removal: true)], await Store.ListAcceptedCallbacksAsync("instance/b", T0, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAcceptedCallbacks_SameSubjectAndHash_KeepsTheFirst()
    {
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h1", 1)], CancellationToken.None);
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h2", 2)], CancellationToken.None);

        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h1", 3, removal: true)], CancellationToken.None);

        IReadOnlyList<AcceptedCallback> listed = await Store.ListAcceptedCallbacksAsync("installation/a", T0, CancellationToken.None);
        Assert.Equal(["h1", "h2"], listed.Select(callback => callback.SignatureHash));
        Assert.False(listed[0].IsRemoval);
    }

    [Fact]
    public async Task ListAcceptedCallbacks_Expired_LeftOut()
    {
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h1", 1, expiresInMinutes: 1), Accepted("installation/a", "h2", 2)], CancellationToken.None);

        IReadOnlyList<AcceptedCallback> listed = await Store.ListAcceptedCallbacksAsync("installation/a", T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal(["h2"], listed.Select(callback => callback.SignatureHash));
    }

    [Fact]
    public async Task RecordAcceptedCallbacks_Later_ForgetsWhatExpired()
    {
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h1", 1, expiresInMinutes: 1)], CancellationToken.None);

        await Store.RecordAcceptedCallbacksAsync(
            [new AcceptedCallback("installation/b", "h2", T0, false, T0.AddMinutes(2), T0.AddMinutes(13))], CancellationToken.None);

        var rows = await Harness.QueryAsync("SELECT signature_hash FROM {schema}.accepted_callbacks;");
        Assert.Equal(["h2"], rows.Select(row => (string)row!));
    }

    [Fact]
    public async Task RecordAcceptedCallbacks_FreshStoreObjectOnSameDatabase_ListsThem()
    {
        await Store.RecordAcceptedCallbacksAsync([Accepted("installation/a", "h1", 1)], CancellationToken.None);
        await DisposeStoreAsync(Store);

        IConnectorStore reopened = Harness.OpenStore();

        Assert.Single(await reopened.ListAcceptedCallbacksAsync("installation/a", T0, CancellationToken.None));
    }
}
