using System.Text;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>
/// The key pair of <c>connctd dev</c>: read from a file, created with a new key pair the first time, so the connector's
/// <c>Connctd:PublicKey</c> stays valid across runs.
/// </summary>
internal static class DevKeyFile
{
    /// <summary>The default file: <c>~/.connctd/dev-platform.key</c>.</summary>
    public static FileInfo Default() =>
        new(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".connctd", "dev-platform.key"));

    /// <summary>Reads the seed from <paramref name="file"/>, or creates the file with a new one.</summary>
    /// <returns>The seed and whether the file was created now.</returns>
    public static async Task<(string Seed, bool Created)> LoadOrCreateAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            using RequestSigner generated = RequestSigner.Generate();
            string seed = generated.ExportPrivateKeySeedBase64();
            try
            {
                file.Directory?.Create();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException(CliExitCodes.InvalidInput, $"Cannot create {file.DirectoryName}: {exception.Message}");
            }

            await PrivateKeyFile.WriteAsync(file, seed, force: false, cancellationToken).ConfigureAwait(false);
            return (seed, true);
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"Cannot read {file.FullName}: {exception.Message}");
        }

        return (Check(text.Trim(), file.FullName), false);
    }

    /// <summary>Checks that a seed makes a key pair.</summary>
    /// <exception cref="CliException">It does not.</exception>
    public static string Check(string seed, string source)
    {
        try
        {
            using RequestSigner signer = RequestSigner.FromPrivateKeySeedBase64(seed);
            return seed;
        }
        catch (FormatException exception)
        {
            // The message never repeats the key.
            throw new CliException(CliExitCodes.InvalidInput, $"The private key from {source} is not usable: {exception.Message}");
        }
    }
}
