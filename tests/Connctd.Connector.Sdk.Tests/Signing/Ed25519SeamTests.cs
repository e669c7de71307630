using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Signing.Internal;

namespace Connctd.Connector.Sdk.Tests.Signing;

/// <summary>
/// The internal crypto seam: NSec imports any 32 bytes as a public key, libsodium then refuses
/// small-order and non-canonical keys when verifying, and the SDK refuses such keys up front.
/// </summary>
public class Ed25519SeamTests
{
    // libsodium's small-order block list, each with the sign bit clear and set.
    public static TheoryData<string> SmallOrderEncodings
    {
        get
        {
            string[] encodings =
            [
                "0000000000000000000000000000000000000000000000000000000000000000", // order 4
                "0100000000000000000000000000000000000000000000000000000000000000", // identity
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p - 1, order 2
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p (= 0), non-canonical
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p + 1 (= 1), non-canonical
            ];
            var data = new TheoryData<string>();
            foreach (var hex in encodings)
            {
                data.Add(hex);
                var withSign = Convert.FromHexString(hex);
                withSign[31] |= 0x80;
                data.Add(Convert.ToHexStringLower(withSign));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void CheckPublicKey_SmallOrderOrNonCanonical_Refused(string hex)
    {
        Assert.NotEqual(PublicKeyProblem.None, Ed25519.CheckPublicKey(Convert.FromHexString(hex)));
    }

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void Verify_SmallOrderKeyForgery_RejectedByLibsodium(string hex)
    {
        // With A and R of small order and S = 0, the cofactorless equation [S]B = R + [k]A holds for
        // about one message in eight; libsodium must refuse the key (or R) regardless.
        var key = Convert.FromHexString(hex);
        Assert.True(Ed25519.TryImportPublicKey(key, out var imported));
        byte[][] rs = [new byte[32], [1, .. new byte[31]], key];

        for (var m = 0; m < 32; m++)
        {
            foreach (var r in rs)
            {
                byte[] signature = [.. r, .. new byte[32]];
                Assert.False(Ed25519.Verify(imported, [(byte)m], signature));
            }
        }
    }

    [Fact]
    public void CheckPublicKey_GeneratedKeys_AllAccepted()
    {
        for (var i = 0; i < 500; i++)
        {
            using var signer = RequestSigner.Generate(); // throws if its public key were refused
            Assert.Equal(PublicKeyProblem.None, Ed25519.CheckPublicKey(System.Convert.FromBase64String(signer.PublicKey.ToBase64())));
        }
    }

    [Fact]
    public void CheckPublicKey_WycheproofAndGoKeys_AllAccepted()
    {
        var keys = TestData.WycheproofCases.Values.Select(c => c.PublicKey)
            .Append(Convert.FromBase64String(TestData.GoVectors.Values.First().PublicKeyBase64));

        Assert.All(keys, k => Assert.Equal(PublicKeyProblem.None, Ed25519.CheckPublicKey(k)));
    }

    [Theory]
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000", "NotOnCurve")]
    [InlineData("0300000000000000000000000000000000000000000000000000000000000000", "None")]
    [InlineData("efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "NonCanonical")]
    [InlineData("00", "WrongLength")]
    public void CheckPublicKey_Encoding_ExpectedProblem(string hex, string expected)
    {
        Assert.Equal(Enum.Parse<PublicKeyProblem>(expected), Ed25519.CheckPublicKey(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Verify_WrongSignatureLength_FalseNoThrow()
    {
        using var signer = RequestSigner.Generate();
        var signature = signer.SignMessage("m"u8);

        Assert.False(Ed25519.Verify(signer.PublicKey.Key, "m"u8, signature.AsSpan(0, 63)));
        Assert.False(Ed25519.Verify(signer.PublicKey.Key, "m"u8, [.. signature, 0]));
        Assert.False(Ed25519.Verify(signer.PublicKey.Key, "m"u8, []));
    }
}
