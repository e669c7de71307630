using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Generate_Json_GivesMatchingKeyPair()
    {
        Assert.Equal(0, await _host.RunAsync("keys", "generate", "--json"));

        JsonNode output = JsonNode.Parse(_host.Output)!;
        using RequestSigner signer = RequestSigner.FromPrivateKeySeedBase64(output["privateKey"]!.GetValue<string>());
        Assert.Equal(signer.PublicKey, ConnectorPublicKey.Parse(output["publicKey"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Generate_PrivateKeyFile_WritesOwnerOnlyFileAndHidesKey()
    {
        string file = _host.Path("publication.key");

        Assert.Equal(0, await _host.RunAsync("keys", "generate", "--private-key-file", file));

        string seed = File.ReadAllText(file).Trim();
        using RequestSigner signer = RequestSigner.FromPrivateKeySeedBase64(seed);
        Assert.Contains(signer.PublicKey.ToBase64(), _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(seed, _host.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Generate_ExistingFile_ExitsInvalidInputUnlessForced()
    {
        string file = _host.Path("publication.key");
        File.WriteAllText(file, "old");

        Assert.Equal(3, await _host.RunAsync("keys", "generate", "--private-key-file", file));
        Assert.Equal("old", File.ReadAllText(file));
        Assert.Equal(0, await _host.RunAsync("keys", "generate", "--private-key-file", file, "--force"));
        Assert.NotEqual("old", File.ReadAllText(file));
    }
}
