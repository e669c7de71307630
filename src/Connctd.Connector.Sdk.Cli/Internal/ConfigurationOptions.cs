using System.CommandLine;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>
/// The configuration values of install, instantiate and the setup callbacks: plain ones on the command line, secret
/// ones from environment variables or standard input (never from the command line, which shells keep in history).
/// </summary>
internal sealed class ConfigurationOptions
{
    public Option<string[]> Values { get; } = new("--config")
    {
        Description = "A configuration value as id=value; repeat for several. Only for values that are not secret.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> FromEnvironment { get; } = new("--config-env")
    {
        Description = "A configuration value read from an environment variable, as id=VARIABLE; for secret values.",
    };

    public Option<bool> FromStandardInput { get; } = new("--config-stdin")
    {
        Description = "Read configuration values as id=value lines from standard input (after the password or secret, if that is read from it too); for secret values.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Values);
        command.Options.Add(FromEnvironment);
        command.Options.Add(FromStandardInput);
    }

    public async Task<List<ConfigurationValue>> ReadAsync(ParseResult parse, CliEnvironment environment, StandardInput input, CancellationToken cancellationToken)
    {
        var values = new List<ConfigurationValue>();
        foreach (string pair in parse.GetValue(Values) ?? [])
        {
            values.Add(Split(pair, "--config", "id=value"));
        }

        foreach (string pair in parse.GetValue(FromEnvironment) ?? [])
        {
            ConfigurationValue reference = Split(pair, "--config-env", "id=VARIABLE");
            string value = environment.Variable(reference.Value)
                ?? throw new CliException($"--config-env {reference.Id}: the environment variable {reference.Value} is not set.");
            values.Add(new ConfigurationValue(reference.Id, value));
        }

        if (parse.GetValue(FromStandardInput))
        {
            foreach (string line in await input.ReadRemainingLinesAsync(cancellationToken).ConfigureAwait(false))
            {
                // Never repeat the line: it may hold a secret.
                values.Add(Split(line, "--config-stdin", "id=value", showInput: false));
            }
        }

        return values;
    }

    public static ConfigurationValue Split(string pair, string option, string form, bool showInput = true)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CliException(showInput
                ? $"{option} '{pair}' is not {form}."
                : $"{option}: a line is not {form}.");
        }

        return new ConfigurationValue(pair[..equals].Trim(), pair[(equals + 1)..]);
    }
}
