using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Signing.Internal;

namespace Connctd.Connector.Sdk.Tests.Signing;

/// <summary>
/// Project Wycheproof Ed25519 verification vectors. "valid" must verify and "invalid" must not. A public
/// key the SDK refuses to import counts as "does not verify". The file has no "acceptable" cases (a test
/// pins that); should a later version add some, they would only be required not to throw.
/// </summary>
public class WycheproofTests
{
    public static TheoryData<int, string> Cases
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (var c in TestData.WycheproofCases.Values.OrderBy(c => c.TcId))
            {
                data.Add(c.TcId, $"{c.Result} {string.Join('+', c.Flags)} {c.Comment}".Trim());
            }

            return data;
        }
    }

    [Fact]
    public void WycheproofFile_AllCases_Loaded()
    {
        Assert.Equal(151, TestData.WycheproofCases.Count);
        Assert.All(TestData.WycheproofCases.Values, c => Assert.Contains(c.Result, new[] { "valid", "invalid" }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_WycheproofCase_ExpectedResult(int tcId, string description)
    {
        _ = description; // shown in the test name only
        var c = TestData.WycheproofCases[tcId];

        var verifies = VerifyThroughConnectorPublicKey(c);

        if (c.Result == "valid")
        {
            Assert.True(verifies);
        }
        else if (c.Result == "invalid")
        {
            Assert.False(verifies);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_WycheproofCaseWithoutKeyChecks_SameAsWithKeyChecks(int tcId, string description)
    {
        // NSec alone (libsodium) must reach the same verdict as the SDK's up-front key checks plus NSec.
        _ = description;
        var c = TestData.WycheproofCases[tcId];

        var nsecOnly = Ed25519.TryImportPublicKey(c.PublicKey, out var key) && Ed25519.Verify(key, c.Message, c.Signature);

        Assert.Equal(VerifyThroughConnectorPublicKey(c), nsecOnly);
    }

    private static bool VerifyThroughConnectorPublicKey(WycheproofCase c)
    {
        ConnectorPublicKey key;
        try
        {
            key = ConnectorPublicKey.FromBytes(c.PublicKey);
        }
        catch (ArgumentException)
        {
            return false; // a key that cannot be imported verifies nothing
        }

        return Ed25519.Verify(key.Key, c.Message, c.Signature);
    }
}
