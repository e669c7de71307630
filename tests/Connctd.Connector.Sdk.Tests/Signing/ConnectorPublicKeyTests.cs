using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Tests.Signing;

public class ConnectorPublicKeyTests
{
    // RFC 8032 test 1 public key; also the key of the Go reference vectors.
    private const string GoKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    [Fact]
    public void Parse_GoReferenceKey_RoundTripsToBase64()
    {
        var key = ConnectorPublicKey.Parse(GoKey);

        Assert.Equal(GoKey, key.ToBase64());
        Assert.Equal(GoKey, key.ToString());
    }

    [Theory]
    [InlineData("  11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")]
    [InlineData("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n")]
    [InlineData("\t11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= \r\n")]
    public void Parse_SurroundingWhitespace_Trimmed(string text)
    {
        Assert.Equal(ConnectorPublicKey.Parse(GoKey), ConnectorPublicKey.Parse(text));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo")]
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=")]
    [InlineData("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=x")]
    [InlineData("ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")]
    public void Parse_NotBase64_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(text));
        Assert.False(ConnectorPublicKey.TryParse(text, out var key, out var error));
        Assert.Null(key);
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Parse_WrongLength_ThrowsFormatException(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var text = Convert.ToBase64String(bytes);

        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(text));
        Assert.False(ConnectorPublicKey.TryParse(text, out var key, out var error));
        Assert.Null(key);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ZeroBytes_ThrowsFormatException()
    {
        // Zero bytes encode as the empty text: refused like any other wrong length, with the message of an empty key.
        var text = Convert.ToBase64String([]);

        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(text));
        Assert.False(ConnectorPublicKey.TryParse(text, out var key, out var error));
        Assert.Null(key);
        Assert.False(ConnectorPublicKey.TryParse("", out _, out var emptyError));
        Assert.Equal(emptyError, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t")]
    public void Parse_EmptyOrWhitespace_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(text));
        Assert.False(ConnectorPublicKey.TryParse(text, out _, out _));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ConnectorPublicKey.Parse(null!));
    }

    [Fact]
    public void TryParse_Null_FalseWithError()
    {
        Assert.False(ConnectorPublicKey.TryParse(null, out var key, out var error));
        Assert.Null(key);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_ValidKey_TrueWithoutError()
    {
        Assert.True(ConnectorPublicKey.TryParse(GoKey, out var key, out var error));
        Assert.Equal(GoKey, key.ToBase64());
        Assert.Null(error);
    }

    [Theory]
    [MemberData(nameof(Ed25519SeamTests.SmallOrderEncodings), MemberType = typeof(Ed25519SeamTests))]
    public void Parse_SmallOrderKey_ThrowsFormatException(string hex)
    {
        var text = Convert.ToBase64String(Convert.FromHexString(hex));

        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(text));
    }

    [Theory]
    [InlineData("efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p + 2
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = 2^255 - 1, sign bit set
    public void Parse_NonCanonicalKey_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(Convert.ToBase64String(Convert.FromHexString(hex))));
    }

    [Theory]
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000")] // y = 2: no x on the curve
    [InlineData("0700000000000000000000000000000000000000000000000000000000000000")] // y = 7
    [InlineData("0b00000000000000000000000000000000000000000000000000000000000080")] // y = 11, sign bit set
    public void Parse_NotOnCurve_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => ConnectorPublicKey.Parse(Convert.ToBase64String(Convert.FromHexString(hex))));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void FromBytes_WrongLength_ThrowsArgumentException(int length)
    {
        Assert.Throws<ArgumentException>(() => ConnectorPublicKey.FromBytes(new byte[length]));
    }

    [Fact]
    public void FromBytes_AllZero_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ConnectorPublicKey.FromBytes(new byte[32]));
    }

    [Fact]
    public void FromBytes_RawKey_EqualsParsed()
    {
        var raw = Convert.FromBase64String(GoKey);

        var key = ConnectorPublicKey.FromBytes(raw);
        raw[0] ^= 1; // the key keeps its own copy

        Assert.Equal(ConnectorPublicKey.Parse(GoKey), key);
        Assert.Equal(GoKey, key.ToBase64());
    }

    [Fact]
    public void Equals_SameBytes_EqualWithSameHashCode()
    {
        var a = ConnectorPublicKey.Parse(GoKey);
        var b = ConnectorPublicKey.Parse(" " + GoKey);

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentKeys_NotEqual()
    {
        using var signer = RequestSigner.Generate();
        var a = ConnectorPublicKey.Parse(GoKey);

        Assert.False(a.Equals(signer.PublicKey));
        Assert.True(a != signer.PublicKey);
        Assert.False(a.Equals(null));
        Assert.False(a == null);
        Assert.True((ConnectorPublicKey?)null == null);
    }
}
