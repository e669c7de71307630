using System.CommandLine;
using Connctd.Connector.Sdk.Cli.Internal;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Management;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Cli.Commands;

/// <summary>publish, list, install, instantiate and remove: the management API.</summary>
internal sealed class ManagementCommands(CliEnvironment environment, CommonOptions common)
{
    private readonly CredentialOptions _credentials = new();

    public IEnumerable<Command> Build()
    {
        yield return Publish();
        yield return List();
        yield return Install();
        yield return Instantiate();
        yield return Remove();
    }

    private Command Publish()
    {
        var manifest = new Argument<FileInfo>("manifest") { Description = "The manifest file (JSON): name, description, mode, callback URLs and configuration parameters." };
        var publicKeyFile = new Option<FileInfo?>("--public-key-file") { Description = "Also write the publication's public key to this file." };
        var command = new Command("publish", "Publish a connector from a manifest file; shows the publication's public key, which the platform returns only this once.")
        {
            manifest,
            publicKeyFile,
        };
        _credentials.AddDeveloperTo(command);
        command.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Developer, async (client, output, ct) =>
        {
            ConnectorManifest loaded = await LoadManifestAsync(parse.GetValue(manifest)!, ct).ConfigureAwait(false);
            ConnectorPublication publication = await client.PublishConnectorAsync(loaded, ct).ConfigureAwait(false);
            if (parse.GetValue(publicKeyFile) is { } file && publication.PublicKey is { } key)
            {
                await File.WriteAllTextAsync(file.FullName, key + Environment.NewLine, ct).ConfigureAwait(false);
            }

            if (output.Json)
            {
                output.WriteJson(publication, CliJsonContext.Default.ConnectorPublication);
            }
            else
            {
                output.Out.WriteLine($"Published connector {publication.Id} ({publication.Name}).");
                output.Out.WriteLine(publication.PublicKey is { } shown
                    ? $"Public key (shown only this once; configure it in the connector): {shown}"
                    : "The platform returned no public key.");
            }

            return CliExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private Command List()
    {
        var publications = new Command("publications", "List the connector publications of the developer account.");
        _credentials.AddDeveloperTo(publications);
        publications.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Developer, async (client, output, ct) =>
        {
            IReadOnlyList<ConnectorPublication> list = await client.ListPublicationsAsync(ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(list, CliJsonContext.Default.IReadOnlyListConnectorPublication);
            }
            else
            {
                output.WriteTable(
                    ["ID", "NAME", "MODE", "STATE", "ACTIVE"],
                    list.Select(item => new[] { item.Id, item.Name, CliOutput.Name(item.Mode), item.State, item.Active?.ToString() }));
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        var appId = new Option<string>("--app-id") { Description = "The app (client) id.", Required = true };
        var installations = new Command("installations", "List the connector installations of an app.") { appId };
        _credentials.AddDeveloperTo(installations);
        installations.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Developer, async (client, output, ct) =>
        {
            IReadOnlyList<ConnectorInstallation> list = await client.ListInstallationsAsync(parse.GetValue(appId)!, ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(list, CliJsonContext.Default.IReadOnlyListConnectorInstallation);
            }
            else
            {
                output.WriteTable(
                    ["ID", "CONNECTOR", "NAME", "STATE"],
                    list.Select(item => new[] { item.Id, item.Connector?.Id, item.Connector?.Name, CliOutput.Name(item.State) }));
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        var subject = ExternalSubject();
        var instances = new Command("instances", "List the instances of the app the service credentials belong to.") { subject };
        _credentials.AddServiceTo(instances);
        instances.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Service, async (client, output, ct) =>
        {
            IReadOnlyList<ConnectorInstance> list = await client.ListInstancesAsync(parse.GetValue(subject), ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(list, CliJsonContext.Default.IReadOnlyListConnectorInstance);
            }
            else
            {
                output.WriteTable(
                    ["ID", "INSTALLATION", "STATE", "FURTHER STEP"],
                    list.Select(item => new[] { item.Id, item.InstallationId, CliOutput.Name(item.State), Describe(item.FurtherStep) }));
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        return new Command("list", "List publications, installations or instances.") { publications, installations, instances };
    }

    private Command Install()
    {
        var appId = new Option<string>("--app-id") { Description = "The app (client) id to install the connector for.", Required = true };
        var connectorId = new Option<string>("--connector-id") { Description = "The publication id.", Required = true };
        var configuration = new ConfigurationOptions();
        var command = new Command("install", "Install a connector for an app; the platform calls the connector's installation callback.") { appId, connectorId };
        configuration.AddTo(command);
        _credentials.AddDeveloperTo(command);
        command.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Developer, async (client, output, ct) =>
        {
            List<ConfigurationValue> values = await configuration.ReadAsync(parse, environment, Input, ct).ConfigureAwait(false);
            ConnectorInstallation installation = await client.InstallConnectorAsync(parse.GetValue(appId)!, parse.GetValue(connectorId)!, values, ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(installation, CliJsonContext.Default.ConnectorInstallation);
            }
            else
            {
                output.Out.WriteLine($"Installation {installation.Id}: {CliOutput.Name(installation.State)}");
            }

            return CliExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private Command Instantiate()
    {
        var installationId = new Option<string>("--installation-id") { Description = "The installation to instantiate.", Required = true };
        var subject = ExternalSubject();
        var configuration = new ConfigurationOptions();
        var command = new Command("instantiate", "Instantiate an installation for one end customer; the platform calls the connector's instance callback.") { installationId, subject };
        configuration.AddTo(command);
        _credentials.AddServiceTo(command);
        command.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Service, async (client, output, ct) =>
        {
            List<ConfigurationValue> values = await configuration.ReadAsync(parse, environment, Input, ct).ConfigureAwait(false);
            ConnectorInstance instance = await client.InstantiateConnectorAsync(parse.GetValue(installationId)!, values, parse.GetValue(subject), ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(instance, CliJsonContext.Default.ConnectorInstance);
            }
            else
            {
                output.Out.WriteLine($"Instance {instance.Id} of installation {instance.InstallationId ?? "-"}: {CliOutput.Name(instance.State)}");
                if (instance.FurtherStep is { } step)
                {
                    output.Out.WriteLine("Next step: " + Describe(step));
                }
            }

            return CliExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private Command Remove()
    {
        var publicationId = new Argument<string>("id") { Description = "The publication (connector) id." };
        var publication = new Command("publication", "Remove a connector publication.") { publicationId };
        _credentials.AddDeveloperTo(publication);
        publication.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Developer, async (client, output, ct) =>
        {
            ConnectorPublication removed = await client.RemovePublicationAsync(parse.GetValue(publicationId)!, ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(removed, CliJsonContext.Default.ConnectorPublication);
            }
            else
            {
                output.Out.WriteLine($"Publication {removed.Id}: {removed.State ?? "-"}");
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        var installationId = new Argument<string>("id") { Description = "The installation id." };
        var removeInstances = new Option<bool>("--remove-instances")
        {
            Description = "Remove the installation's instances too (their end customers lose the things). Without it, an installation with live instances is not removed.",
        };
        var installation = new Command("installation", "Remove an installation.") { installationId, removeInstances };
        _credentials.AddDeveloperTo(installation);
        installation.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Developer, async (client, output, ct) =>
        {
            InstallationRemoval removal = await client.RemoveInstallationAsync(parse.GetValue(installationId)!, parse.GetValue(removeInstances), ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(removal, CliJsonContext.Default.InstallationRemoval);
            }
            else
            {
                output.Out.WriteLine(removal.AffectedInstallation is { } affected
                    ? $"Installation {affected.Id}: {CliOutput.Name(affected.State)}"
                    : "The platform returned no installation.");
                output.Out.WriteLine($"Affected instances: {removal.AffectedInstances.Count}");
                foreach (ConnectorInstance instance in removal.AffectedInstances)
                {
                    output.Out.WriteLine($"  {instance.Id}: {CliOutput.Name(instance.State)}");
                }
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        var instanceId = new Argument<string>("id") { Description = "The instance id." };
        var subject = ExternalSubject();
        var instanceCommand = new Command("instance", "Remove an instance; the platform deletes its things.") { instanceId, subject };
        _credentials.AddServiceTo(instanceCommand);
        instanceCommand.SetAction((parse, cancellationToken) => Run(parse, ManagementTokenKind.Service, async (client, output, ct) =>
        {
            ConnectorInstance removed = await client.RemoveInstanceAsync(parse.GetValue(instanceId)!, parse.GetValue(subject), ct).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(removed, CliJsonContext.Default.ConnectorInstance);
            }
            else
            {
                output.Out.WriteLine($"Instance {removed.Id}: {CliOutput.Name(removed.State)}");
            }

            return CliExitCodes.Ok;
        }, cancellationToken));

        return new Command("remove", "Remove a publication, an installation or an instance.") { publication, installation, instanceCommand };
    }

    private StandardInput Input { get; } = new(environment.Input);

    private static Option<string?> ExternalSubject() => new("--external-subject-id")
    {
        Description = "The end customer, sent as the X-External-Subject-ID header.",
    };

    private static string? Describe(FurtherStep? step) => step is null ? null : $"{CliOutput.Name(step.Type)}: {step.Content}";

    private static async Task<ConnectorManifest> LoadManifestAsync(FileInfo file, CancellationToken cancellationToken)
    {
        ConnectorManifest manifest;
        try
        {
            FileStream stream = file.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                manifest = await ConnectorManifest.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"Cannot read the manifest {file.FullName}: {exception.Message}");
        }
        catch (FormatException exception)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"{file.Name}: {exception.Message}");
        }

        IReadOnlyList<ManifestProblem> problems = manifest.Validate();
        if (problems.Count > 0)
        {
            throw new CliException(CliExitCodes.InvalidInput, $"{file.Name} cannot be published:", "INVALID_MANIFEST")
            {
                Details = problems.Select(problem => $"{problem.Path}: {problem.Code} ({problem.Description})").ToArray(),
            };
        }

        return manifest;
    }

    private Task<int> Run(
        ParseResult parse,
        ManagementTokenKind kind,
        Func<ManagementClient, CliOutput, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken) =>
        CliApplication.GuardAsync(environment, parse, common, async output =>
        {
            Uri apiBase = common.ResolveApiBase(parse, environment);
            var options = new ManagementClientOptions();
            await _credentials.ApplyAsync(kind, options, parse, environment, Input, cancellationToken).ConfigureAwait(false);
            ManagementSession session = ManagementSession.Create(apiBase, configured =>
            {
                configured.Developer = options.Developer;
                configured.Service = options.Service;
            }, environment);
            await using (session.ConfigureAwait(false))
            {
                return await action(session.Client, output, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
}
