using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Signing.Internal;

namespace Connctd.Connector.Sdk.Tests.Signing;

public class RequestSignerTests
{
    // RFC 8032, section 7.1, TEST 1 (the Go reference vectors use the same seed).
    private const string Rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032EmptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void SignMessage_Rfc8032Test1_KnownSignature()
    {
        using var signer = RequestSigner.FromPrivateKeySeed(Convert.FromHexString(Rfc8032Seed));

        var signature = signer.SignMessage([]);

        Assert.Equal(Rfc8032EmptyMessageSignature, Convert.ToHexStringLower(signature));
        Assert.Equal(Rfc8032PublicKey, Convert.ToHexStringLower(Convert.FromBase64String(signer.PublicKey.ToBase64())));
    }

    [Fact]
    public void FromPrivateKeySeed_GoSeed_YieldsVectorPublicKey()
    {
        using var signer = RequestSigner.FromPrivateKeySeed(TestData.GoSeed);

        Assert.All(TestData.GoVectors.Values, v => Assert.Equal(v.PublicKeyBase64, signer.PublicKey.ToBase64()));
    }

    [Fact]
    public void Sign_AnyRequest_EqualsSignatureOfCanonicalMessage()
    {
        using var signer = RequestSigner.Generate();
        const string Date = "Wed, 07 Oct 2020 10:00:00 GMT";

        var signature = signer.Sign("POST", "https", "h:1", "/a?b=c", Date, "{}"u8);

        var message = CanonicalMessage.Build("POST", "https", "h:1", "/a?b=c", Date, "{}"u8);
        Assert.Equal(Convert.ToBase64String(signer.SignMessage(message)), signature);
        Assert.True(Ed25519.Verify(signer.PublicKey.Key, message, Convert.FromBase64String(signature)));
    }

    [Fact]
    public void Sign_LargeBody_Verifies()
    {
        using var signer = RequestSigner.Generate();
        var body = new byte[50_000];
        new Random(7).NextBytes(body);

        var signature = signer.Sign("POST", "https", "h", "/a", "Wed, 07 Oct 2020 10:00:00 GMT", body);

        var message = CanonicalMessage.Build("POST", "https", "h", "/a", "Wed, 07 Oct 2020 10:00:00 GMT", body);
        Assert.True(Ed25519.Verify(signer.PublicKey.Key, message, Convert.FromBase64String(signature)));
    }

    [Fact]
    public void ExportPrivateKeySeedBase64_Generated_RoundTrips()
    {
        using var original = RequestSigner.Generate();

        var seed = original.ExportPrivateKeySeedBase64();
        using var restored = RequestSigner.FromPrivateKeySeedBase64(seed);

        Assert.Equal(32, Convert.FromBase64String(seed).Length);
        Assert.Equal(original.PublicKey, restored.PublicKey);
        Assert.Equal(original.SignMessage("m"u8), restored.SignMessage("m"u8));
    }

    [Fact]
    public void ExportPrivateKeySeedBase64_FromSeed_ReturnsSameSeed()
    {
        using var signer = RequestSigner.FromPrivateKeySeed(TestData.GoSeed);

        Assert.Equal(Convert.ToBase64String(TestData.GoSeed), signer.ExportPrivateKeySeedBase64());
    }

    [Fact]
    public void FromPrivateKeySeedBase64_SurroundingWhitespace_Trimmed()
    {
        using var signer = RequestSigner.FromPrivateKeySeedBase64("  " + Convert.ToBase64String(TestData.GoSeed) + "\n");

        Assert.Equal(TestData.GoVectors.Values.First().PublicKeyBase64, signer.PublicKey.ToBase64());
    }

    [Fact]
    public void Generate_TwoSigners_DifferentKeys()
    {
        using var a = RequestSigner.Generate();
        using var b = RequestSigner.Generate();

        Assert.NotEqual(a.PublicKey, b.PublicKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void FromPrivateKeySeed_WrongLength_ThrowsArgumentException(int length)
    {
        Assert.Throws<ArgumentException>(() => RequestSigner.FromPrivateKeySeed(new byte[length]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2Bg")]
    public void FromPrivateKeySeedBase64_NotA32ByteSeed_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => RequestSigner.FromPrivateKeySeedBase64(text));
    }

    [Fact]
    public void FromPrivateKeySeedBase64_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => RequestSigner.FromPrivateKeySeedBase64(null!));
    }

    [Fact]
    public void ToString_Signer_ShowsPublicKeyNotPrivateKey()
    {
        using var signer = RequestSigner.FromPrivateKeySeed(TestData.GoSeed);

        var text = signer.ToString();

        Assert.Contains(signer.PublicKey.ToBase64(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(TestData.GoSeed), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(TestData.GoSeed), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposedException()
    {
        var signer = RequestSigner.Generate();
        var publicKey = signer.PublicKey;

        signer.Dispose();
        signer.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => signer.SignMessage("m"u8));
        Assert.Throws<ObjectDisposedException>(() => signer.Sign("GET", "https", "h", "/", "d", []));
        Assert.Throws<ObjectDisposedException>(() => signer.ExportPrivateKeySeedBase64());
        Assert.Equal(publicKey, signer.PublicKey);
    }
}
