using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.StoreConformance;

/// <summary>The behaviour of every store's <see cref="IUpgradeStore"/> (upgrade state and leases of installations and instances).</summary>
/// <param name="harness">The store implementation's harness for this test.</param>
public abstract class UpgradeStoreConformanceTests(ConnectorStoreHarness harness) : StoreConformanceTests(harness)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task GetUpgrade_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetUpgradeAsync("installation/none", CancellationToken.None));
        Assert.Empty(await Store.ListUpgradesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordUpgradeBaseline_New_StoresUpToDateOnce()
    {
        Assert.True(await Store.RecordUpgradeBaselineAsync("instance/i1", 3, T0, CancellationToken.None));
        Assert.False(await Store.RecordUpgradeBaselineAsync("instance/i1", 7, T0.AddMinutes(1), CancellationToken.None));

        UpgradeRecord record = Assert.Single(await Store.ListUpgradesAsync(CancellationToken.None));
        Assert.Equal(new UpgradeRecord("instance/i1", 3, null, UpgradeStatus.UpToDate, 0, null, null, null, null, T0), record);
    }

    [Fact]
    public async Task TryClaimUpgrade_NoRecord_ClaimsFromVersionZeroWithEveryField()
    {
        UpgradeRecord? claimed = await Store.TryClaimUpgradeAsync("installation/a", 2, "replica-1", T0, Lease, CancellationToken.None);

        UpgradeRecord expected = new("installation/a", 0, 2, UpgradeStatus.Running, 1, null, "replica-1", T0 + Lease, null, T0);
        Assert.Equal(expected, claimed);
        Assert.Equal(expected, await Store.GetUpgradeAsync("installation/a", CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimUpgrade_VersionNotLower_ClaimsNothing()
    {
        await Store.RecordUpgradeBaselineAsync("installation/a", 2, T0, CancellationToken.None);

        Assert.Null(await Store.TryClaimUpgradeAsync("installation/a", 2, "replica-1", T0, Lease, CancellationToken.None));
        Assert.Null(await Store.TryClaimUpgradeAsync("installation/a", 1, "replica-1", T0, Lease, CancellationToken.None));
        Assert.Equal(UpgradeStatus.UpToDate, (await Store.GetUpgradeAsync("installation/a", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TryClaimUpgrade_HeldLease_ClaimsNothingUntilItExpires()
    {
        await Store.RecordUpgradeBaselineAsync("installation/a", 1, T0, CancellationToken.None);
        Assert.NotNull(await Store.TryClaimUpgradeAsync("installation/a", 2, "replica-1", T0, Lease, CancellationToken.None));

        Assert.Null(await Store.TryClaimUpgradeAsync("installation/a", 2, "replica-2", T0 + Lease - Resolution, Lease, CancellationToken.None));
        UpgradeRecord? taken = await Store.TryClaimUpgradeAsync("installation/a", 2, "replica-2", T0 + Lease, Lease, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.Equal(("replica-2", 1, 2), (taken.LeaseOwner, taken.Version, taken.Attempts));
        Assert.False(await Store.CompleteUpgradeAsync("installation/a", "replica-1", T0 + Lease, CancellationToken.None));
        Assert.Equal("replica-2", (await Store.GetUpgradeAsync("installation/a", CancellationToken.None))!.LeaseOwner);
    }

    [Fact]
    public async Task TryClaimUpgrade_ManyAtOnce_ExactlyOneClaims()
    {
        await Harness.WarmUpAsync(Store);
        IConnectorStore other = Harness.OpenStore();
        try
        {
            await Harness.WarmUpAsync(other);
            Task<UpgradeRecord?>[] claims = Enumerable.Range(0, 16)
                .Select(index => (index % 2 == 0 ? Store : other).TryClaimUpgradeAsync("instance/i1", 2, "replica-" + index, T0, Lease, CancellationToken.None))
                .ToArray();

            UpgradeRecord?[] results = await Task.WhenAll(claims);

            UpgradeRecord winner = Assert.Single(results, result => result is not null)!;
            Assert.Equal(winner.LeaseOwner, (await Store.GetUpgradeAsync("instance/i1", CancellationToken.None))!.LeaseOwner);
            Assert.Equal(1, winner.Attempts);
        }
        finally
        {
            await DisposeStoreAsync(other);
        }
    }

    [Fact]
    public async Task CompleteUpgrade_ByHolder_RecordsTheTargetVersionAndReleases()
    {
        await Store.RecordUpgradeBaselineAsync("instance/i1", 1, T0, CancellationToken.None);
        await Store.TryClaimUpgradeAsync("instance/i1", 3, "replica-1", T0, Lease, CancellationToken.None);

        Assert.True(await Store.CompleteUpgradeAsync("instance/i1", "replica-1", T0.AddSeconds(5), CancellationToken.None));

        Assert.Equal(
            new UpgradeRecord("instance/i1", 3, null, UpgradeStatus.UpToDate, 1, null, null, null, null, T0.AddSeconds(5)),
            await Store.GetUpgradeAsync("instance/i1", CancellationToken.None));
        Assert.Null(await Store.TryClaimUpgradeAsync("instance/i1", 3, "replica-2", T0.AddSeconds(6), Lease, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteUpgrade_NotHolder_ChangesNothing()
    {
        await Store.TryClaimUpgradeAsync("instance/i1", 3, "replica-1", T0, Lease, CancellationToken.None);

        Assert.False(await Store.CompleteUpgradeAsync("instance/i1", "replica-2", T0, CancellationToken.None));
        Assert.False(await Store.FailUpgradeAsync("instance/i1", "replica-2", "boom", T0, T0, CancellationToken.None));
        Assert.False(await Store.RenewUpgradeLeaseAsync("instance/i1", "replica-2", T0.AddHours(1), CancellationToken.None));
        Assert.Equal(UpgradeStatus.Running, (await Store.GetUpgradeAsync("instance/i1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task FailUpgrade_ByHolder_RecordsTheErrorAndWaitsForTheNextAttempt()
    {
        await Store.RecordUpgradeBaselineAsync("instance/i1", 1, T0, CancellationToken.None);
        await Store.TryClaimUpgradeAsync("instance/i1", 2, "replica-1", T0, Lease, CancellationToken.None);

        Assert.True(await Store.FailUpgradeAsync("instance/i1", "replica-1", "upstream said no", T0.AddSeconds(1), T0.AddSeconds(30), CancellationToken.None));

        Assert.Equal(
            new UpgradeRecord("instance/i1", 1, 2, UpgradeStatus.Failed, 1, "upstream said no", null, null, T0.AddSeconds(30), T0.AddSeconds(1)),
            await Store.GetUpgradeAsync("instance/i1", CancellationToken.None));
        Assert.Null(await Store.TryClaimUpgradeAsync("instance/i1", 2, "replica-2", T0.AddSeconds(30) - Resolution, Lease, CancellationToken.None));
        UpgradeRecord? again = await Store.TryClaimUpgradeAsync("instance/i1", 2, "replica-2", T0.AddSeconds(30), Lease, CancellationToken.None);
        Assert.Equal((1, 2, UpgradeStatus.Running, "upstream said no"), (again!.Version, again.Attempts, again.Status, again.LastError));

        Assert.True(await Store.CompleteUpgradeAsync("instance/i1", "replica-2", T0.AddSeconds(31), CancellationToken.None));
        UpgradeRecord done = (await Store.GetUpgradeAsync("instance/i1", CancellationToken.None))!;
        Assert.Equal((2, UpgradeStatus.UpToDate, 2, (string?)null, (DateTimeOffset?)null), (done.Version, done.Status, done.Attempts, done.LastError, done.NextAttemptAt));
    }

    [Fact]
    public async Task RenewUpgradeLease_ByHolder_KeepsOthersOut()
    {
        await Store.TryClaimUpgradeAsync("instance/i1", 2, "replica-1", T0, Lease, CancellationToken.None);

        Assert.True(await Store.RenewUpgradeLeaseAsync("instance/i1", "replica-1", T0 + Lease + Lease, CancellationToken.None));

        Assert.Null(await Store.TryClaimUpgradeAsync("instance/i1", 2, "replica-2", T0 + Lease, Lease, CancellationToken.None));
        Assert.Equal(T0 + Lease + Lease, (await Store.GetUpgradeAsync("instance/i1", CancellationToken.None))!.LeaseExpiresAt);
    }

    [Fact]
    public async Task ListUpgrades_Several_OrderedBySubject()
    {
        await Store.RecordUpgradeBaselineAsync("instance/b", 1, T0, CancellationToken.None);
        await Store.RecordUpgradeBaselineAsync("installation/a", 1, T0, CancellationToken.None);
        await Store.RecordUpgradeBaselineAsync("instance/a", 1, T0, CancellationToken.None);

        Assert.Equal(["installation/a", "instance/a", "instance/b"], (await Store.ListUpgradesAsync(CancellationToken.None)).Select(record => record.Subject));
    }

    [Fact]
    public async Task DeleteUpgrade_Known_ForgetsIt()
    {
        await Store.RecordUpgradeBaselineAsync("instance/a", 1, T0, CancellationToken.None);

        Assert.True(await Store.DeleteUpgradeAsync("instance/a", CancellationToken.None));
        Assert.False(await Store.DeleteUpgradeAsync("instance/a", CancellationToken.None));
        Assert.Equal(0, await CountAsync("upgrades"));
    }

    [Fact]
    public async Task Upgrades_ReopenedStore_KeepsEveryField()
    {
        await Store.TryClaimUpgradeAsync("instance/i1", 2, "replica-1", T0, Lease, CancellationToken.None);
        await Store.FailUpgradeAsync("instance/i1", "replica-1", "boom", T0.AddSeconds(1), T0.AddSeconds(9), CancellationToken.None);
        UpgradeRecord before = (await Store.GetUpgradeAsync("instance/i1", CancellationToken.None))!;

        IConnectorStore reopened = Harness.OpenStore();
        try
        {
            Assert.Equal(before, await reopened.GetUpgradeAsync("instance/i1", CancellationToken.None));
        }
        finally
        {
            await DisposeStoreAsync(reopened);
        }
    }
}
