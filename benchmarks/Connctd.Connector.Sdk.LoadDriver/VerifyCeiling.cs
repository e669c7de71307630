using System.Diagnostics;
using System.Text;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Signing;
using NSec.Cryptography;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// The Ed25519 verify ceiling on one core: how many action callbacks per second <see cref="SignatureVerifier"/> alone
/// can check on one thread (Date parse and window, Base64, message build, libsodium's verify), and libsodium's raw
/// verify for comparison. A connector on one core cannot answer more signed callbacks than this.
/// </summary>
internal static class VerifyCeiling
{
    public static (double SdkPerSecond, double RawPerSecond) Measure(RequestSigner signer, string host, string target, TimeSpan time)
    {
        byte[] body = Encoding.UTF8.GetBytes(CallbackClient.ActionBody("ceiling-0123456789abcdef0123456789abcdef", "bench-thing-1"));
        string date = HttpDate.Format(DateTimeOffset.UtcNow);
        string signature = signer.Sign("POST", "https", host, target, date, body);
        var verifier = new SignatureVerifier([signer.PublicKey]);
        var input = new SignatureInput("POST", "https", host, target, date, signature, body);
        if (verifier.Verify(input) != SignatureVerificationResult.Valid)
        {
            throw new InvalidOperationException("The ceiling sample does not verify.");
        }

        byte[] message = CanonicalMessage.Build("POST", "https", host, target, date, body);
        byte[] rawSignature = Convert.FromBase64String(signature);
        var rawKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(signer.PublicKey.ToBase64()), KeyBlobFormat.RawPublicKey);

        // A short warm-up, then each loop for half the time.
        Loop(() => verifier.Verify(input) == SignatureVerificationResult.Valid, TimeSpan.FromMilliseconds(200));
        double sdk = Loop(() => verifier.Verify(input) == SignatureVerificationResult.Valid, time / 2);
        double raw = Loop(() => SignatureAlgorithm.Ed25519.Verify(rawKey, message, rawSignature), time / 2);
        return (sdk, raw);
    }

    private static double Loop(Func<bool> verify, TimeSpan time)
    {
        long count = 0;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(time.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            for (int i = 0; i < 64; i++)
            {
                if (!verify())
                {
                    throw new InvalidOperationException("A ceiling verification failed.");
                }
            }

            count += 64;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);

        return count / ((now - start) / (double)Stopwatch.Frequency);
    }
}
