using System.Text.Json;

namespace Connctd.Connector.Sdk.Tests.Signing;

/// <summary>One callback signed by the reference Go implementation (TestData/go-reference-vectors.json).</summary>
internal sealed record GoVector(
    string Name,
    string Method,
    string Scheme,
    string Host,
    string RequestUri,
    string Date,
    byte[] Body,
    string PublicKeyBase64,
    string SignatureBase64,
    byte[] CanonicalPayload);

/// <summary>One Wycheproof EdDSA verification case (TestData/wycheproof/ed25519_test.json).</summary>
internal sealed record WycheproofCase(int TcId, string Comment, string[] Flags, byte[] PublicKey, byte[] Message, byte[] Signature, string Result);

internal static class TestData
{
    private static readonly Lazy<(byte[] Seed, IReadOnlyDictionary<string, GoVector> Vectors)> Go = new(LoadGo);

    private static readonly Lazy<IReadOnlyDictionary<int, WycheproofCase>> Wycheproof = new(LoadWycheproof);

    public static byte[] GoSeed => Go.Value.Seed;

    public static IReadOnlyDictionary<string, GoVector> GoVectors => Go.Value.Vectors;

    public static IReadOnlyDictionary<int, WycheproofCase> WycheproofCases => Wycheproof.Value;

    private static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static (byte[], IReadOnlyDictionary<string, GoVector>) LoadGo()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf("go-reference-vectors.json")));
        var root = document.RootElement;
        var seed = Convert.FromHexString(root.GetProperty("seedHex").GetString()!);
        var vectors = new Dictionary<string, GoVector>(StringComparer.Ordinal);
        foreach (var v in root.GetProperty("vectors").EnumerateArray())
        {
            string S(string name) => v.GetProperty(name).GetString()!;
            var vector = new GoVector(
                S("name"), S("method"), S("scheme"), S("host"), S("requestUri"), S("date"),
                Convert.FromBase64String(S("bodyBase64")), S("publicKeyBase64"), S("signatureBase64"),
                Convert.FromBase64String(S("canonicalPayloadBase64")));
            vectors.Add(vector.Name, vector);
        }

        return (seed, vectors);
    }

    private static Dictionary<int, WycheproofCase> LoadWycheproof()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf("wycheproof", "ed25519_test.json")));
        var cases = new Dictionary<int, WycheproofCase>();
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var publicKey = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("pk").GetString()!);
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var tcId = test.GetProperty("tcId").GetInt32();
                cases.Add(tcId, new WycheproofCase(
                    tcId,
                    test.GetProperty("comment").GetString()!,
                    [.. test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)],
                    publicKey,
                    Convert.FromHexString(test.GetProperty("msg").GetString()!),
                    Convert.FromHexString(test.GetProperty("sig").GetString()!),
                    test.GetProperty("result").GetString()!));
            }
        }

        return cases;
    }
}
