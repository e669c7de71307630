using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.Infrastructure;
using Connctd.Connector.Sdk.Signing;
using NSec.Cryptography;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// The signed message and its check, for one action callback. <see cref="RawEd25519Verify"/> is libsodium alone (the
/// ceiling); <see cref="VerifySignature"/> is the SDK's whole check (Date parse and window, Base64, message build,
/// Ed25519), so their ratio is the SDK's overhead around the cryptography.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private RequestSigner _signer = null!;
    private SignatureVerifier _verifier = null!;
    private SignatureInput _input;
    private string _date = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;
    private PublicKey _rawKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signer = RequestSigner.FromPrivateKeySeedBase64(Samples.PrivateKeySeedBase64);
        _date = HttpDate.Format(Samples.SignedAt);
        string signature = _signer.Sign("POST", "https", Samples.Host, Samples.ActionTarget, _date, Samples.ActionBody);
        _verifier = new SignatureVerifier([_signer.PublicKey], timeProvider: new FixedTimeProvider(Samples.SignedAt));
        _input = new SignatureInput("POST", "https", Samples.Host, Samples.ActionTarget, _date, signature, Samples.ActionBody);
        _message = CanonicalMessage.Build("POST", "https", Samples.Host, Samples.ActionTarget, _date, Samples.ActionBody);
        _signature = Convert.FromBase64String(signature);
        _rawKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(_signer.PublicKey.ToBase64()), KeyBlobFormat.RawPublicKey);
        if (_verifier.Verify(_input) != SignatureVerificationResult.Valid)
        {
            throw new InvalidOperationException("The sample request does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    [Benchmark]
    public byte[] CanonicalMessageBuild() =>
        CanonicalMessage.Build("POST", "https", Samples.Host, Samples.ActionTarget, _date, Samples.ActionBody);

    [Benchmark]
    public int CanonicalMessageWrite() =>
        CanonicalMessage.Write("POST", "https", Samples.Host, Samples.ActionTarget, _date, Samples.ActionBody, _buffer);

    [Benchmark]
    public bool HttpDateParse() => HttpDate.TryParse(_date, out _);

    [Benchmark(Baseline = true)]
    public bool RawEd25519Verify() => SignatureAlgorithm.Ed25519.Verify(_rawKey, _message, _signature);

    [Benchmark]
    public SignatureVerificationResult VerifySignature() => _verifier.Verify(_input);

    [Benchmark]
    public string SignRequest() =>
        _signer.Sign("POST", "https", Samples.Host, Samples.ActionTarget, _date, Samples.ActionBody);
}
