namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>Reads secrets from standard input, in order: a secret on the first line, then configuration lines. Nothing read is ever written out.</summary>
internal sealed class StandardInput(TextReader reader)
{
    public async Task<string> ReadSecretLineAsync(string what, CancellationToken cancellationToken)
    {
        string? line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(line))
        {
            throw new CliException($"Standard input holds no {what}; pipe it in, for example: printenv MY_SECRET | connctd ...");
        }

        return line;
    }

    public async Task<List<string>> ReadRemainingLinesAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
