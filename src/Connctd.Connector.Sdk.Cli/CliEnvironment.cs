using System.Collections;

namespace Connctd.Connector.Sdk.Cli;

/// <summary>What the tool reads and writes: standard streams, environment variables and the clock. Tests replace each.</summary>
internal sealed class CliEnvironment
{
    public CliEnvironment(TextReader input, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> variables, TimeProvider? time = null)
    {
        Input = input;
        Output = output;
        Error = error;
        Variables = variables;
        Time = time ?? TimeProvider.System;
    }

    public TextReader Input { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    public TimeProvider Time { get; }

    /// <summary>Optional: replaces the transport of every HTTP call (tests only).</summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; init; }

    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new CliEnvironment(Console.In, Console.Out, Console.Error, variables);
    }

    public string? Variable(string name) =>
        Variables.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;
}
