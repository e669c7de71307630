using System.CommandLine;
using Connctd.Connector.Sdk.Cli.Commands;
using Connctd.Connector.Sdk.Cli.Internal;
using Connctd.Connector.Sdk.Management;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Cli;

/// <summary>The <c>connctd</c> command tree, and the one place failures become exit codes.</summary>
internal static class CliApplication
{
    public static RootCommand BuildRootCommand(CliEnvironment environment)
    {
        var common = new CommonOptions();
        var root = new RootCommand(
            "connctd: the connector development loop. Publish, install, instantiate, list and remove connectors through the management API; " +
            "generate publication keys; send signed callbacks to a connector on this machine. Secrets are read from environment variables or standard input only.");
        common.AddTo(root);
        foreach (Command command in new ManagementCommands(environment, common).Build())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(new KeysCommands(environment, common).Build());
        root.Subcommands.Add(new CallbackCommands(environment, common).Build());
        root.Subcommands.Add(new DevCommand(environment, common).Build());
        root.Subcommands.Add(new UpgradeCommands(environment, common).Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        RootCommand root = BuildRootCommand(environment);
        // No response files: an argument starting with '@' is taken as it is.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("Run 'connctd --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return CliExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = environment.Output,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command; 'dev' then stops its servers and the connector it started.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a command's work and turns every failure into a message on standard error and an exit code.</summary>
    public static async Task<int> GuardAsync(
        CliEnvironment environment, ParseResult parse, CommonOptions common, Func<CliOutput, Task<int>> work, CancellationToken cancellationToken)
    {
        var output = new CliOutput(environment, parse.GetValue(common.Json));
        try
        {
            return await work(output).ConfigureAwait(false);
        }
        catch (CliException exception)
        {
            output.WriteError(new ErrorOutput(exception.ExitCode, exception.Code, exception.Message, null, null, exception.Details));
            return exception.ExitCode;
        }
        catch (ManagementAuthenticationException exception)
        {
            output.WriteError(From(exception, CliExitCodes.AuthenticationFailed));
            return CliExitCodes.AuthenticationFailed;
        }
        catch (ManagementGraphQLException exception)
        {
            output.WriteError(From(exception, CliExitCodes.RemoteFailure) with
            {
                Details = exception.Errors.Select(error => error.ToString()).ToArray(),
            });
            return CliExitCodes.RemoteFailure;
        }
        catch (ManagementException exception) when (exception.Status == 0)
        {
            output.WriteError(From(exception, CliExitCodes.Unreachable));
            return CliExitCodes.Unreachable;
        }
        catch (ManagementException exception)
        {
            output.WriteError(From(exception, CliExitCodes.RemoteFailure));
            return CliExitCodes.RemoteFailure;
        }
        catch (OptionsValidationException exception)
        {
            output.WriteError(new ErrorOutput(CliExitCodes.Usage, "INVALID_SETTINGS", "The settings are not valid.", null, null, exception.Failures.ToArray()));
            return CliExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteError(new ErrorOutput(CliExitCodes.Cancelled, "CANCELLED", "Cancelled.", null, null, []));
            return CliExitCodes.Cancelled;
        }
    }

    private static ErrorOutput From(ManagementException exception, int exitCode) =>
        new(exitCode, exception.ErrorCode ?? "ERROR", exception.Message, exception.Status == 0 ? null : exception.Status, exception.RequestId, []);
}
