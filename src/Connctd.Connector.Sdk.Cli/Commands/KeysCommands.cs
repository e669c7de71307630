using System.CommandLine;
using Connctd.Connector.Sdk.Cli.Internal;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Cli.Commands;

/// <summary><c>keys generate</c>: a publication-style Ed25519 key pair for local work.</summary>
internal sealed class KeysCommands(CliEnvironment environment, CommonOptions common)
{
    public Command Build()
    {
        var privateKeyFile = new Option<FileInfo?>("--private-key-file")
        {
            Description = "Write the private key (Base64 seed) to this new file, readable by its owner only, instead of showing it.",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite --private-key-file if it exists." };
        var generate = new Command("generate", "Generate an Ed25519 key pair like a publication's: the public key for the connector's configuration, the private key for the callback commands.")
        {
            privateKeyFile,
            force,
        };
        generate.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(environment, parse, common, async output =>
        {
            using RequestSigner signer = RequestSigner.Generate();
            string publicKey = signer.PublicKey.ToBase64();
            string seed = signer.ExportPrivateKeySeedBase64();
            FileInfo? file = parse.GetValue(privateKeyFile);
            if (file is not null)
            {
                await PrivateKeyFile.WriteAsync(file, seed, parse.GetValue(force), cancellationToken).ConfigureAwait(false);
            }

            if (output.Json)
            {
                output.WriteJson(new KeyPairOutput(publicKey, file is null ? seed : null, file?.FullName), CliJsonContext.Default.KeyPairOutput);
            }
            else
            {
                output.Out.WriteLine($"Public key:  {publicKey}");
                output.Out.WriteLine(file is null
                    ? $"Private key: {seed}"
                    : $"Private key: written to {file.FullName}");
                output.Out.WriteLine("Configure the public key in the connector (Connctd:PublicKeys); keep the private key secret and pass it to the callback commands through CONNCTD_PRIVATE_KEY or --private-key-file.");
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        return new Command("keys", "Work with publication key pairs.") { generate };
    }
}
