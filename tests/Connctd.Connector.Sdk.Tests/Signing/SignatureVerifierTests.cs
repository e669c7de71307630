using System.Text;
using Connctd.Connector.Sdk.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.Tests.Signing;

public sealed class SignatureVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly byte[] Body = "{\"id\":\"a1\",\"thingId\":\"t1\",\"status\":\"PENDING\"}"u8.ToArray();

    private readonly RequestSigner _signer = RequestSigner.Generate();
    private readonly FakeTimeProvider _clock = new(Now);

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void Verify_FreshlySignedRequest_Valid()
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(Signed(_signer, Now)));
    }

    [Fact]
    public void Verify_ProtocolKnownAnswerSignedWithGoSeed_Valid()
    {
        using var goSigner = RequestSigner.FromPrivateKeySeed(TestData.GoSeed);
        const string Date = "Wed, 07 Oct 2020 10:00:00 GMT";
        var signature = goSigner.Sign("GET", "https", "foo.com:8080", "/bar?hello=world", Date, "{\"hello\":\"world\"}"u8);
        var verifier = new SignatureVerifier([goSigner.PublicKey], null, new FakeTimeProvider(new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero)));

        var result = verifier.Verify(new SignatureInput("GET", "https", "foo.com:8080", "/bar?hello=world", Date, signature, "{\"hello\":\"world\"}"u8.ToArray()));

        Assert.Equal(SignatureVerificationResult.Valid, result);
        Assert.Equal(TestData.GoVectors["sdk-unit-test-example"].SignatureBase64, signature);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(299)]
    public void Verify_DateWithinDefaultSkew_Valid(int offsetSeconds)
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(Signed(_signer, Now.AddSeconds(offsetSeconds))));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    [InlineData(86400)]
    public void Verify_DateOutsideDefaultSkew_StaleDate(int offsetSeconds)
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.StaleDate, verifier.Verify(Signed(_signer, Now.AddSeconds(offsetSeconds))));
    }

    [Theory]
    [InlineData(30, -30, SignatureVerificationResult.Valid)]
    [InlineData(30, 30, SignatureVerificationResult.Valid)]
    [InlineData(30, -31, SignatureVerificationResult.StaleDate)]
    [InlineData(30, 31, SignatureVerificationResult.StaleDate)]
    [InlineData(0, 0, SignatureVerificationResult.Valid)]
    [InlineData(0, 1, SignatureVerificationResult.StaleDate)]
    [InlineData(0, -1, SignatureVerificationResult.StaleDate)]
    [InlineData(3600, -3600, SignatureVerificationResult.Valid)]
    [InlineData(3600, -3601, SignatureVerificationResult.StaleDate)]
    public void Verify_ConfiguredSkew_BoundaryInclusive(int skewSeconds, int offsetSeconds, SignatureVerificationResult expected)
    {
        var verifier = Verifier(new SignatureVerifierOptions { AllowedClockSkew = TimeSpan.FromSeconds(skewSeconds) });

        Assert.Equal(expected, verifier.Verify(Signed(_signer, Now.AddSeconds(offsetSeconds))));
    }

    [Fact]
    public void Verify_ClockAdvancesPastSkew_StaleDate()
    {
        var verifier = Verifier();
        var input = Signed(_signer, Now);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var atEdge = verifier.Verify(input);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var beyond = verifier.Verify(input);

        Assert.Equal(SignatureVerificationResult.Valid, atEdge);
        Assert.Equal(SignatureVerificationResult.StaleDate, beyond);
    }

    [Fact]
    public void Verify_SubSecondClock_UsesExactDifference()
    {
        var verifier = Verifier();
        var input = Signed(_signer, Now);

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));

        Assert.Equal(SignatureVerificationResult.StaleDate, verifier.Verify(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NoSignature_MissingSignature(string? signature)
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.MissingSignature, verifier.Verify(Signed(_signer, Now) with { Signature = signature }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    public void Verify_NoDate_MissingDate(string? date)
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.MissingDate, verifier.Verify(Signed(_signer, Now) with { Date = date }));
    }

    [Fact]
    public void Verify_NoSignatureAndNoDate_MissingSignature()
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.MissingSignature, verifier.Verify(Signed(_signer, Now) with { Signature = null, Date = null }));
    }

    [Theory]
    [InlineData("2024-05-06T12:00:00Z", SignatureVerificationResult.Valid)]
    [InlineData("2024-05-06T14:00:00+02:00", SignatureVerificationResult.Valid)]
    [InlineData("2024-05-06T12:04:59.5Z", SignatureVerificationResult.Valid)]
    [InlineData("2024-05-06T12:10:00Z", SignatureVerificationResult.StaleDate)]
    [InlineData("2024-05-06T11:50:00Z", SignatureVerificationResult.StaleDate)]
    public void Verify_Rfc3339Date_CheckedAgainstWindow(string date, SignatureVerificationResult expected)
    {
        var verifier = Verifier();
        var signature = _signer.Sign("POST", "https", "connector.example.com", "/actions", date, Body);

        var input = new SignatureInput("POST", "https", "connector.example.com", "/actions", date, signature, Body);

        Assert.Equal(expected, verifier.Verify(input));
    }

    [Theory]
    [InlineData("2024-05-06T12:00:00")]
    [InlineData("yesterday")]
    [InlineData("Mon, 06 May 2024 12:00:00")]
    [InlineData("Tue, 06 May 2024 12:00:00 GMT")]
    [InlineData("Mon, 32 May 2024 12:00:00 GMT")]
    [InlineData("Mon, 06 May 2024 25:00:00 GMT")]
    [InlineData("1715000000")]
    public void Verify_DateNeitherHttpDateNorRfc3339_MalformedDate(string date)
    {
        var verifier = Verifier();
        var signature = _signer.Sign("POST", "https", "connector.example.com", "/actions", date, Body);

        var input = new SignatureInput("POST", "https", "connector.example.com", "/actions", date, signature, Body);

        Assert.Equal(SignatureVerificationResult.MalformedDate, verifier.Verify(input));
    }

    [Theory]
    [InlineData("Monday, 06-May-24 12:00:00 GMT")]
    [InlineData("Mon May  6 12:00:00 2024")]
    public void Verify_ObsoleteHttpDateForms_Valid(string date)
    {
        var verifier = Verifier();
        var signature = _signer.Sign("POST", "https", "connector.example.com", "/actions", date, Body);

        var input = new SignatureInput("POST", "https", "connector.example.com", "/actions", date, signature, Body);

        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(input));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("====")]
    [InlineData("ed25519:AAAA")]
    public void Verify_SignatureNotBase64_MalformedSignature(string signature)
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.MalformedSignature, verifier.Verify(Signed(_signer, Now) with { Signature = signature }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(10_000)]
    public void Verify_SignatureNot64Bytes_MalformedSignature(int length)
    {
        var verifier = Verifier();
        var signature = Convert.ToBase64String(new byte[length]);
        var input = Signed(_signer, Now) with { Signature = length == 0 ? "AA==" : signature };

        Assert.Equal(SignatureVerificationResult.MalformedSignature, verifier.Verify(input));
    }

    [Fact]
    public void Verify_SignatureWithGarbageAppended_MalformedSignature()
    {
        var verifier = Verifier();
        var input = Signed(_signer, Now);
        var signature = Convert.FromBase64String(input.Signature!);

        var result = verifier.Verify(input with { Signature = Convert.ToBase64String([.. signature, 0]) });

        Assert.Equal(SignatureVerificationResult.MalformedSignature, result);
    }

    [Fact]
    public void Verify_StaleDateAndMalformedSignature_StaleDateReportedFirst()
    {
        var verifier = Verifier();

        var result = verifier.Verify(Signed(_signer, Now.AddHours(-1)) with { Signature = "not base64!" });

        Assert.Equal(SignatureVerificationResult.StaleDate, result);
    }

    [Fact]
    public void Verify_SignatureOfOtherKey_Mismatch()
    {
        using var other = RequestSigner.Generate();
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.Mismatch, verifier.Verify(Signed(other, Now)));
    }

    [Fact]
    public void Verify_AllZeroSignature_Mismatch()
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.Mismatch, verifier.Verify(Signed(_signer, Now) with { Signature = Convert.ToBase64String(new byte[64]) }));
    }

    [Fact]
    public void Verify_SecondOfSeveralKeysSigned_Valid()
    {
        using var first = RequestSigner.Generate();
        using var third = RequestSigner.Generate();
        var verifier = new SignatureVerifier([first.PublicKey, _signer.PublicKey, third.PublicKey], null, _clock);

        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(Signed(_signer, Now)));
    }

    [Fact]
    public void Verify_NoneOfSeveralKeysSigned_Mismatch()
    {
        using var first = RequestSigner.Generate();
        using var second = RequestSigner.Generate();
        var verifier = new SignatureVerifier([first.PublicKey, second.PublicKey], null, _clock);

        Assert.Equal(SignatureVerificationResult.Mismatch, verifier.Verify(Signed(_signer, Now)));
    }

    [Fact]
    public void Verify_KeyRotation_OldKeyAcceptedUntilRemoved()
    {
        using var oldKey = RequestSigner.Generate();
        using var newKey = RequestSigner.Generate();
        var beforeRotation = new SignatureVerifier([oldKey.PublicKey], null, _clock);
        var duringRotation = new SignatureVerifier([oldKey.PublicKey, newKey.PublicKey], null, _clock);
        var afterRotation = new SignatureVerifier([newKey.PublicKey], null, _clock);
        var byOld = Signed(oldKey, Now);
        var byNew = Signed(newKey, Now);

        Assert.Equal(SignatureVerificationResult.Valid, beforeRotation.Verify(byOld));
        Assert.Equal(SignatureVerificationResult.Mismatch, beforeRotation.Verify(byNew));
        Assert.Equal(SignatureVerificationResult.Valid, duringRotation.Verify(byOld));
        Assert.Equal(SignatureVerificationResult.Valid, duringRotation.Verify(byNew));
        Assert.Equal(SignatureVerificationResult.Mismatch, afterRotation.Verify(byOld));
        Assert.Equal(SignatureVerificationResult.Valid, afterRotation.Verify(byNew));
    }

    [Fact]
    public void Verify_LargeBody_ValidAndMismatchWhenChanged()
    {
        var verifier = Verifier();
        var body = new byte[200_000];
        new Random(42).NextBytes(body);
        var date = HttpDate.Format(Now);
        var signature = _signer.Sign("POST", "https", "h", "/actions", date, body);
        var input = new SignatureInput("POST", "https", "h", "/actions", date, signature, body);

        var valid = verifier.Verify(input);
        body[150_000] ^= 0x80;
        var changed = verifier.Verify(input);

        Assert.Equal(SignatureVerificationResult.Valid, valid);
        Assert.Equal(SignatureVerificationResult.Mismatch, changed);
    }

    [Fact]
    public void Verify_RawTargetDiffersFromDecoded_Mismatch()
    {
        var verifier = Verifier();
        var date = HttpDate.Format(Now);
        var signature = _signer.Sign("POST", "https", "h", "/things/a%2Fb?x=%20", date, Body);

        var result = verifier.Verify(new SignatureInput("POST", "https", "h", "/things/a/b?x= ", date, signature, Body));

        Assert.Equal(SignatureVerificationResult.Mismatch, result);
    }

    [Fact]
    public void Verify_DefaultInput_MissingSignature()
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.MissingSignature, verifier.Verify(default));
    }

    [Fact]
    public void Verify_NullTextPartsWithSignatureAndDate_MismatchNoThrow()
    {
        var verifier = Verifier();
        var signed = Signed(_signer, Now);

        var result = verifier.Verify(new SignatureInput(null!, null!, null!, null!, signed.Date, signed.Signature, default));

        Assert.Equal(SignatureVerificationResult.Mismatch, result);
    }

    [Fact]
    public void Verify_EmptyStringsEverywhere_NoThrow()
    {
        var verifier = Verifier();

        Assert.Equal(SignatureVerificationResult.MissingSignature, verifier.Verify(new SignatureInput("", "", "", "", "", "", default)));
        Assert.Equal(SignatureVerificationResult.MissingDate, verifier.Verify(new SignatureInput("", "", "", "", "", "x", default)));
    }

    [Fact]
    public void Verify_HugeHeaders_NoThrow()
    {
        var verifier = Verifier();
        var huge = new string('A', 1_000_000);
        var signed = Signed(_signer, Now);

        Assert.Equal(SignatureVerificationResult.MalformedSignature, verifier.Verify(signed with { Signature = huge }));
        Assert.Equal(SignatureVerificationResult.MalformedDate, verifier.Verify(signed with { Date = huge }));
        Assert.Equal(SignatureVerificationResult.Mismatch, verifier.Verify(signed with { Host = huge, RequestUri = huge }));
    }

    [Theory]
    [InlineData("bücher.example")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("例え.テスト:8443")]
    [InlineData("bad\uD800surrogate")]
    [InlineData("nul\0byte")]
    [InlineData("crlf\r\n(Date):x")]
    public void Verify_UnusualHost_NoThrowAndSignatureStillChecked(string host)
    {
        var verifier = Verifier();
        var date = HttpDate.Format(Now);
        var signature = _signer.Sign("POST", "https", host, "/actions", date, Body);

        var signedForHost = verifier.Verify(new SignatureInput("POST", "https", host, "/actions", date, signature, Body));
        var otherHost = verifier.Verify(new SignatureInput("POST", "https", "connector.example.com", "/actions", date, signature, Body));

        Assert.Equal(SignatureVerificationResult.Valid, signedForHost);
        Assert.Equal(SignatureVerificationResult.Mismatch, otherHost);
    }

    [Theory]
    [InlineData("Mon, 06 May 2024 12:00:00 GMT\r\n")]
    [InlineData("\u00A0")]
    [InlineData("Mon, 06 May 2024 12:00:00 GMT\0")]
    [InlineData("Mon, 06 Mai 2024 12:00:00 GMT")]
    [InlineData("Mon, 06 May 10000 12:00:00 GMT")]
    [InlineData("Mon, 01 Jan 0001 00:00:00 GMT")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public void Verify_HostileDate_NoThrow(string date)
    {
        var verifier = Verifier(new SignatureVerifierOptions { AllowedClockSkew = TimeSpan.MaxValue });
        var input = Signed(_signer, Now) with { Date = date };

        var result = verifier.Verify(input);

        Assert.NotEqual(SignatureVerificationResult.Valid, result);
    }

    [Fact]
    public void Verify_MinimumAndMaximumClock_NoThrow()
    {
        var keys = new[] { _signer.PublicKey };
        var atMin = new SignatureVerifier(keys, null, new FakeTimeProvider(DateTimeOffset.MinValue));
        var atMax = new SignatureVerifier(keys, null, new FakeTimeProvider(DateTimeOffset.MaxValue));

        Assert.Equal(SignatureVerificationResult.StaleDate, atMin.Verify(Signed(_signer, Now)));
        Assert.Equal(SignatureVerificationResult.StaleDate, atMax.Verify(Signed(_signer, Now)));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(100_000)]
    public void Verify_ValidCallback_AllocatesLessThan2KB(int bodyLength)
    {
        // Measured: 0 bytes for both sizes (stack buffer below 1 KB, pooled array above).
        var verifier = Verifier();
        var body = new byte[bodyLength];
        var date = HttpDate.Format(Now);
        var input = new SignatureInput("POST", "https", "h", "/actions", date, _signer.Sign("POST", "https", "h", "/actions", date, body), body);
        var valid = 0;
        for (var i = 0; i < 10; i++)
        {
            valid += verifier.Verify(input) == SignatureVerificationResult.Valid ? 1 : 0;
        }

        const int Iterations = 100;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            valid += verifier.Verify(input) == SignatureVerificationResult.Valid ? 1 : 0;
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
        Assert.Equal(10 + Iterations, valid);
        Assert.True(perCall <= 2048, $"{perCall} bytes per verification");
    }

    [Fact]
    public void Constructor_NoKeys_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SignatureVerifier([]));
    }

    [Fact]
    public void Constructor_NullKeys_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new SignatureVerifier(null!));
    }

    [Fact]
    public void Constructor_NullKeyInList_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SignatureVerifier([_signer.PublicKey, null!]));
    }

    [Fact]
    public void Constructor_NegativeSkew_ThrowsArgumentOutOfRangeException()
    {
        var options = new SignatureVerifierOptions { AllowedClockSkew = TimeSpan.FromSeconds(-1) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new SignatureVerifier([_signer.PublicKey], options));
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_VerifierUnaffected()
    {
        var options = new SignatureVerifierOptions();
        var verifier = new SignatureVerifier([_signer.PublicKey], options, _clock);

        options.AllowedClockSkew = TimeSpan.Zero;

        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(Signed(_signer, Now.AddMinutes(-4))));
    }

    [Fact]
    public void Constructor_KeyListChangedAfterwards_VerifierUnaffected()
    {
        using var other = RequestSigner.Generate();
        var keys = new List<ConnectorPublicKey> { _signer.PublicKey };
        var verifier = new SignatureVerifier(keys, null, _clock);

        keys[0] = other.PublicKey;

        Assert.Equal([_signer.PublicKey], verifier.Keys);
        Assert.Equal(SignatureVerificationResult.Valid, verifier.Verify(Signed(_signer, Now)));
    }

    [Fact]
    public void Keys_SeveralKeys_InGivenOrder()
    {
        using var second = RequestSigner.Generate();

        var verifier = new SignatureVerifier([_signer.PublicKey, second.PublicKey]);

        Assert.Equal([_signer.PublicKey, second.PublicKey], verifier.Keys);
    }

    [Fact]
    public void Options_Default_FiveMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), new SignatureVerifierOptions().AllowedClockSkew);
    }

    [Fact]
    public void SignatureInputToString_WithSignatureAndBody_HidesBoth()
    {
        var input = Signed(_signer, Now);

        var text = input.ToString();

        Assert.DoesNotContain(input.Signature!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PENDING", text, StringComparison.Ordinal);
        Assert.Contains("/actions", text, StringComparison.Ordinal);
    }

    private SignatureVerifier Verifier(SignatureVerifierOptions? options = null)
        => new([_signer.PublicKey], options, _clock);

    private static SignatureInput Signed(RequestSigner signer, DateTimeOffset date)
    {
        var dateHeader = HttpDate.Format(date);
        var signature = signer.Sign("POST", "https", "connector.example.com", "/actions", dateHeader, Body);
        return new SignatureInput("POST", "https", "connector.example.com", "/actions", dateHeader, signature, Body);
    }
}
