namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>A publication private key in a file: one line, the Base64 seed, readable by its owner only.</summary>
internal static class PrivateKeyFile
{
    /// <summary>Writes a new key file; refuses to overwrite one unless <paramref name="force"/>.</summary>
    public static async Task WriteAsync(FileInfo file, string seed, bool force, CancellationToken cancellationToken)
    {
        if (file.Exists && !force)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"{file.FullName} exists; choose another file or add --force.");
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var stream = new FileStream(file.FullName, options);
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream);
                await using (writer.ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(seed.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"Cannot write {file.FullName}: {exception.Message}");
        }
    }
}
