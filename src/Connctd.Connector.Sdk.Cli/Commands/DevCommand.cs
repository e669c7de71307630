using System.CommandLine;
using Connctd.Connector.Sdk.Cli.Internal;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.Cli.Commands;

/// <summary>
/// <c>dev</c>: the local Developer Center. The fake platform and its dashboard on 127.0.0.1 with a fixed key pair;
/// prints the settings the connector needs, optionally starts the connector project, runs until Ctrl+C.
/// </summary>
internal sealed class DevCommand(CliEnvironment environment, CommonOptions common)
{
    /// <summary>How long a stop waits for the connector process to end by itself (Ctrl+C reaches it too) before killing it.</summary>
    private static readonly TimeSpan ConnectorGrace = TimeSpan.FromSeconds(5);

    /// <summary>The connector's SQLite file (<c>Connctd:Sqlite:DatabasePath</c>).</summary>
    private const string DatabasePathVariable = "Connctd__Sqlite__DatabasePath";

    private readonly Option<int> _port = new("--port")
    {
        Description = $"The port on 127.0.0.1 of the dashboard and the platform API (0 picks a free one). Default: {DeveloperCenterOptions.DefaultPort}, so the connector's platform URL stays valid across runs.",
        DefaultValueFactory = _ => DeveloperCenterOptions.DefaultPort,
    };

    private readonly Option<FileInfo?> _keyFile = new("--key-file")
    {
        Description = $"The publication key pair's file: read when it exists, created with a new key pair otherwise. Default: ${CallbackCommands.PrivateKeyVariable} when set (a given key), else ~/.connctd/dev-platform.key.",
    };

    private readonly Option<Uri?> _connectorUrl = new("--connector-url")
    {
        Description = "Where the connector serves HTTP; the callbacks go below it. Default: http://127.0.0.1:5080/.",
        CustomParser = result => UriParsing.ParseAbsolute(result, "--connector-url"),
    };

    private readonly Option<string> _callbackPath = new("--callback-path")
    {
        Description = "Where the connector maps its callbacks (MapConnctdConnector).",
        DefaultValueFactory = _ => "/connctd",
    };

    private readonly Option<FileInfo?> _manifest = new("--manifest")
    {
        Description = "The connector's publication manifest (as 'connctd publish' takes it): the dashboard's install and instantiate forms ask its parameters and mask PASSWORD values.",
    };

    private readonly Option<string?> _connector = new("--connector")
    {
        Description = "A connector project to start with 'dotnet run --project', with Connctd__PublicKey, Connctd__PlatformUrl, ASPNETCORE_URLS (from --connector-url) and a fresh Connctd__Sqlite__DatabasePath set; it stops with the Developer Center.",
    };

    public Command Build()
    {
        var command = new Command("dev", "Run the local Developer Center: the fake connctd platform and its dashboard on 127.0.0.1. Prints the settings the connector needs; Ctrl+C stops it.")
        {
            _port,
            _keyFile,
            _connectorUrl,
            _callbackPath,
            _manifest,
            _connector,
        };
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(environment, parse, common, output => RunAsync(parse, output, cancellationToken), cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        int port = parse.GetValue(_port);
        if (port is < 0 or > 65535)
        {
            throw new CliException($"--port must be 0 to 65535, not {port}.");
        }

        (string seed, string keySource, bool created) = await ReadKeyAsync(parse, cancellationToken).ConfigureAwait(false);
        ConnectorConfigurationSchema? schema = await ReadSchemaAsync(parse.GetValue(_manifest), cancellationToken).ConfigureAwait(false);
        Uri connectorUrl = parse.GetValue(_connectorUrl) ?? new Uri("http://127.0.0.1:5080/");

        DeveloperCenterServer server;
        try
        {
            server = await DeveloperCenterServer.StartAsync(
                new DeveloperCenterOptions
                {
                    Port = port,
                    PrivateKeySeedBase64 = seed,
                    ConnectorUrl = connectorUrl,
                    CallbackPath = parse.GetValue(_callbackPath) ?? "/connctd",
                    Schema = schema,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new CliException(CliExitCodes.Unreachable, $"Cannot listen on 127.0.0.1:{port}: {exception.Message} Choose another port with --port.");
        }

        await using (server.ConfigureAwait(false))
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Connctd__PublicKey"] = server.Platform.PublicKeyBase64,
                ["Connctd__PlatformUrl"] = server.Platform.PlatformUrl.AbsoluteUri,
            };
            string? project = parse.GetValue(_connector);
            ConnectorProcess? connector = null;
            if (project is not null)
            {
                var environmentOfConnector = new Dictionary<string, string>(settings, StringComparer.Ordinal)
                {
                    ["ASPNETCORE_URLS"] = connectorUrl.GetLeftPart(UriPartial.Authority),
                };

                // The fake platform starts empty on every run (installation-1, thing-1, … again): so does the connector's
                // SQLite store, or it would answer the new installation-1 from the old one, with its old token.
                if (environment.Variable(DatabasePathVariable) is null)
                {
                    string directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "connctd-dev")).FullName;
                    environmentOfConnector[DatabasePathVariable] = Path.Combine(directory, $"connector-{Guid.NewGuid():N}.db");
                }
                connector = ConnectorProcess.Start(ConnectorProcess.DotnetRun(project, environmentOfConnector), ConnectorGrace);
            }

            try
            {
                Write(output, server, keySource, created, connector);
                await RunUntilStoppedAsync(output, connector, cancellationToken).ConfigureAwait(false);
                if (!output.Json)
                {
                    await output.Out.WriteLineAsync("Stopping the Developer Center.").ConfigureAwait(false);
                }
            }
            finally
            {
                if (connector is not null)
                {
                    await connector.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return CliExitCodes.Ok;
    }

    private static async Task RunUntilStoppedAsync(CliOutput output, ConnectorProcess? connector, CancellationToken cancellationToken)
    {
        try
        {
            if (connector is not null)
            {
                int exitCode = await connector.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (!output.Json)
                {
                    await output.Out.WriteLineAsync($"The connector exited with code {exitCode}; the Developer Center keeps running (Ctrl+C stops it).").ConfigureAwait(false);
                }
            }

            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way to stop.
        }
    }

    private async Task<(string Seed, string Source, bool Created)> ReadKeyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        FileInfo? file = parse.GetValue(_keyFile);
        if (file is null && environment.Variable(CallbackCommands.PrivateKeyVariable) is { } given)
        {
            return (DevKeyFile.Check(given.Trim(), "$" + CallbackCommands.PrivateKeyVariable), "$" + CallbackCommands.PrivateKeyVariable, false);
        }

        file ??= DevKeyFile.Default();
        (string seed, bool created) = await DevKeyFile.LoadOrCreateAsync(file, cancellationToken).ConfigureAwait(false);
        return (seed, file.FullName, created);
    }

    private static async Task<ConnectorConfigurationSchema?> ReadSchemaAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
            await using (stream.ConfigureAwait(false))
            {
                ConnectorManifest manifest = await ConnectorManifest.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
                return new ConnectorConfigurationSchema(manifest.ConfigurationParameters, manifest.CustomerConfigurationParameters);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"Cannot read the manifest {file.FullName}: {exception.Message}");
        }
        catch (FormatException exception)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"{file.FullName}: {exception.Message}");
        }
        catch (ArgumentException exception)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"{file.FullName}: the parameters are not valid: {exception.Message}");
        }
    }

    private static void Write(CliOutput output, DeveloperCenterServer server, string keySource, bool created, ConnectorProcess? connector)
    {
        FakeConnctdPlatform platform = server.Platform;
        string[] callbackUrls = server.CallbackUrls.Select(url => url.AbsoluteUri).ToArray();
        if (output.Json)
        {
            output.WriteJson(
                new DevOutput(server.DashboardUrl.AbsoluteUri, platform.PlatformUrl.AbsoluteUri, platform.PublicKeyBase64, keySource, created,
                    server.ConnectorUrl.AbsoluteUri, callbackUrls, connector?.Id),
                CliJsonContext.Default.DevOutput);
            output.Out.Flush();
            return;
        }

        TextWriter text = output.Out;
        text.WriteLine("connctd Developer Center");
        text.WriteLine($"  Dashboard:     {server.DashboardUrl.AbsoluteUri}");
        text.WriteLine($"  Platform URL:  {platform.PlatformUrl.AbsoluteUri}");
        text.WriteLine($"  Public key:    {platform.PublicKeyBase64}");
        text.WriteLine($"  Key pair:      {keySource}{(created ? " (created now; kept for the next runs)" : "")}");
        text.WriteLine($"  Connector:     {server.ConnectorUrl.AbsoluteUri}{(connector is null ? "" : $" (started: dotnet run, process {connector.Id})")}");
        text.WriteLine($"  Callback URLs: {string.Join(Environment.NewLine + "                 ", callbackUrls)}");
        text.WriteLine();
        text.WriteLine("Configure the connector with:");
        text.WriteLine($"  Connctd__PublicKey={platform.PublicKeyBase64}");
        text.WriteLine($"  Connctd__PlatformUrl={platform.PlatformUrl.AbsoluteUri}");
        text.WriteLine();
        text.WriteLine("Open the dashboard to install, instantiate and press buttons on things. Ctrl+C stops.");
        text.Flush();
    }
}
