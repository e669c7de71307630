using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Signing.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Connctd.Connector.Sdk.Tests.Signing;

/// <summary>
/// Callbacks signed by the reference Go implementation. Each vector's date is in the past, so the
/// verifier's clock is set to it. One vector ("date-nonstandard-string") carries an RFC 3339 Date instead of an
/// HTTP-date: the Go SDK signs any Date string, and this SDK accepts that form too (still inside the clock-skew window).
/// </summary>
public class GoReferenceVectorTests
{
    public static TheoryData<string> VectorNames => [.. TestData.GoVectors.Keys];

    [Fact]
    public void GoVectors_File_HasVectors()
    {
        Assert.True(TestData.GoVectors.Count >= 10);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Build_GoVector_EqualsCanonicalPayload(string name)
    {
        var v = TestData.GoVectors[name];

        var message = CanonicalMessage.Build(v.Method, v.Scheme, v.Host, v.RequestUri, v.Date, v.Body);

        Assert.Equal(v.CanonicalPayload, message);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorAtItsDate_Valid(string name)
    {
        var v = TestData.GoVectors[name];

        var result = Verify(v, Input(v));

        Assert.Equal(ExpectedForUnchanged(v), result);
        Assert.True(SignatureVerifies(v, v.CanonicalPayload));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorAtEdgeOfDefaultSkew_Valid(string name)
    {
        var v = TestData.GoVectors[name];

        // Every vector's Date is one the SDK reads (an HTTP-date, or RFC 3339 as the Go SDK also signs): no vector is left out.
        Assert.True(SignedDate.TryParse(v.Date, out var signedAt), $"the Date of {name} is read");

        // Five minutes either way is inside the window, by its edge.
        Assert.Equal(SignatureVerificationResult.Valid, VerifyAt(v, signedAt + TimeSpan.FromMinutes(5)));
        Assert.Equal(SignatureVerificationResult.Valid, VerifyAt(v, signedAt - TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorJustPastDefaultSkew_StaleDate(string name)
    {
        var v = TestData.GoVectors[name];
        Assert.True(SignedDate.TryParse(v.Date, out var signedAt), $"the Date of {name} is read");

        Assert.Equal(SignatureVerificationResult.StaleDate, VerifyAt(v, signedAt + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)));
        Assert.Equal(SignatureVerificationResult.StaleDate, VerifyAt(v, signedAt - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1)));
    }

    private static SignatureVerificationResult VerifyAt(GoVector v, DateTimeOffset now) =>
        new SignatureVerifier([ConnectorPublicKey.Parse(v.PublicKeyBase64)], null, new FakeTimeProvider(now)).Verify(Input(v));

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorWithAnyMethodByteChanged_Mismatch(string name)
    {
        var v = TestData.GoVectors[name];

        for (var i = 0; i < v.Method.Length; i++)
        {
            AssertRejected(v, v with { Method = Flip(v.Method, i) }, $"method[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorWithAnyUrlByteChanged_Mismatch(string name)
    {
        var v = TestData.GoVectors[name];

        for (var i = 0; i < v.Scheme.Length; i++)
        {
            AssertRejected(v, v with { Scheme = Flip(v.Scheme, i) }, $"scheme[{i}]");
        }

        for (var i = 0; i < v.Host.Length; i++)
        {
            AssertRejected(v, v with { Host = Flip(v.Host, i) }, $"host[{i}]");
        }

        for (var i = 0; i < v.RequestUri.Length; i++)
        {
            AssertRejected(v, v with { RequestUri = Flip(v.RequestUri, i) }, $"requestUri[{i}]");
        }

        AssertRejected(v, v with { RequestUri = v.RequestUri + "/" }, "requestUri + '/'");
        AssertRejected(v, v with { Host = v.Host + ":443" }, "host + port");
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorWithAnyDateByteChanged_MismatchOrMalformedDate(string name)
    {
        var v = TestData.GoVectors[name];

        for (var i = 0; i < v.Date.Length; i++)
        {
            AssertRejected(v, v with { Date = Flip(v.Date, i) }, $"date[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_GoVectorWithAnyBodyByteChanged_Mismatch(string name)
    {
        var v = TestData.GoVectors[name];

        for (var i = 0; i < v.Body.Length; i++)
        {
            var body = (byte[])v.Body.Clone();
            body[i] ^= 0x01;
            AssertRejected(v, v with { Body = body }, $"body[{i}]");
        }

        AssertRejected(v, v with { Body = [.. v.Body, (byte)' '] }, "body + ' '");
        if (v.Body.Length > 0)
        {
            AssertRejected(v, v with { Body = v.Body[..^1] }, "body truncated");
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Sign_GoSeed_ReproducesGoSignature(string name)
    {
        var v = TestData.GoVectors[name];
        using var signer = RequestSigner.FromPrivateKeySeed(TestData.GoSeed);

        var signature = signer.Sign(v.Method, v.Scheme, v.Host, v.RequestUri, v.Date, v.Body);

        Assert.Equal(v.SignatureBase64, signature);
        Assert.Equal(ConnectorPublicKey.Parse(v.PublicKeyBase64), signer.PublicKey);
        Assert.Equal(v.PublicKeyBase64, signer.PublicKey.ToBase64());
    }

    // The unchanged vector: Valid, unless its Date is not an HTTP-date.
    private static SignatureVerificationResult ExpectedForUnchanged(GoVector v)
        => SignedDate.TryParse(v.Date, out _) ? SignatureVerificationResult.Valid : SignatureVerificationResult.MalformedDate;

    private static void AssertRejected(GoVector original, GoVector changed, string what)
    {
        // The clock follows the (possibly changed) Date so that the signature itself is what fails;
        // a changed Date that is no longer an HTTP-date is refused before the signature is looked at.
        var expected = SignedDate.TryParse(changed.Date, out _)
            ? SignatureVerificationResult.Mismatch
            : SignatureVerificationResult.MalformedDate;
        var input = Input(changed) with { Signature = original.SignatureBase64 };

        var result = Verify(changed, input);

        Assert.True(expected == result, $"{original.Name}, {what} changed: expected {expected}, got {result}");
        var message = CanonicalMessage.Build(changed.Method, changed.Scheme, changed.Host, changed.RequestUri, changed.Date, changed.Body);
        Assert.False(SignatureVerifies(original, message), $"{original.Name}, {what} changed: the raw signature still verifies");
    }

    private static SignatureVerificationResult Verify(GoVector v, SignatureInput input)
    {
        var now = SignedDate.TryParse(v.Date, out var signedAt) ? signedAt : new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero);
        var verifier = new SignatureVerifier([ConnectorPublicKey.Parse(v.PublicKeyBase64)], null, new FakeTimeProvider(now));
        return verifier.Verify(input);
    }

    private static bool SignatureVerifies(GoVector v, byte[] message)
        => Ed25519.Verify(ConnectorPublicKey.Parse(v.PublicKeyBase64).Key, message, Convert.FromBase64String(v.SignatureBase64));

    private static SignatureInput Input(GoVector v)
        => new(v.Method, v.Scheme, v.Host, v.RequestUri, v.Date, v.SignatureBase64, v.Body);

    private static string Flip(string value, int index)
    {
        var chars = value.ToCharArray();
        chars[index] = (char)(chars[index] ^ 0x01);
        return new string(chars);
    }
}
