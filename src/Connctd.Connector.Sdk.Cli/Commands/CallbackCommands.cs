using System.CommandLine;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Cli.Internal;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Cli.Commands;

/// <summary>
/// <c>callback install | instantiate | action | remove-installation | remove-instance</c>: sends the platform's
/// callbacks, signed with a publication private key, to a connector on this machine.
/// </summary>
internal sealed class CallbackCommands(CliEnvironment environment, CommonOptions common)
{
    public const string PrivateKeyVariable = "CONNCTD_PRIVATE_KEY";
    public const string CallbackTokenVariable = "CONNCTD_CALLBACK_TOKEN";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly Option<Uri?> _url = new("--url")
    {
        Description = "The connector's callback URL, for example http://127.0.0.1:5000/connctd/installations.",
        Required = true,
        CustomParser = result => UriParsing.ParseAbsolute(result, "--url"),
    };

    private readonly Option<FileInfo?> _privateKeyFile = new("--private-key-file")
    {
        Description = $"A file holding the publication's private key (Base64 seed, as written by 'keys generate'). Default: ${PrivateKeyVariable}.",
    };

    private readonly Option<bool> _privateKeyStdin = new("--private-key-stdin")
    {
        Description = "Read the private key from the first line of standard input.",
    };

    private readonly Option<string> _signedScheme = new("--signed-scheme")
    {
        Description = "The scheme put into the signed URL; the platform always signs https, and a connector in its default mode checks https.",
        DefaultValueFactory = _ => "https",
    };

    private readonly Option<string?> _signedHost = new("--signed-host")
    {
        Description = "The host (and port) put into the signed URL, when the connector is configured with a public address other than the one called; default: the host and port of --url.",
    };

    public Command Build()
    {
        return new Command("callback", "Send signed platform callbacks to a local connector: the development loop without the cloud.")
        {
            Install(),
            Instantiate(),
            Action(),
            Remove("remove-installation", "Send the removal of an installation (DELETE <url>/<id>).", "The installation id."),
            Remove("remove-instance", "Send the removal of an instance (DELETE <url>/<id>).", "The instance id."),
        };
    }

    private Command Install()
    {
        var id = new Option<string?>("--id") { Description = "The installation id; a new one when omitted." };
        var configuration = new ConfigurationOptions();
        var command = new Command("install", "Send an installation callback (POST <url>) with a new installation token.") { id };
        AddCommon(command);
        configuration.AddTo(command);
        command.SetAction((parse, cancellationToken) => Send(parse, async (input, ct) =>
        {
            string installationId = parse.GetValue(id) ?? Guid.NewGuid().ToString();
            var request = new InstallationRequest
            {
                Id = installationId,
                Token = CallbackToken(),
                State = LifecycleState.Initialized,
                Configuration = await configuration.ReadAsync(parse, environment, input, ct).ConfigureAwait(false),
            };
            return (HttpMethod.Post, parse.GetValue(_url)!, installationId, JsonSerializer.SerializeToUtf8Bytes(request, ConnctdJson.GetTypeInfo<InstallationRequest>()));
        }, cancellationToken));
        return command;
    }

    private Command Instantiate()
    {
        var id = new Option<string?>("--id") { Description = "The instance id; a new one when omitted." };
        var installationId = new Option<string>("--installation-id") { Description = "The installation the instance belongs to.", Required = true };
        var configuration = new ConfigurationOptions();
        var command = new Command("instantiate", "Send an instance callback (POST <url>) with a new instance token.") { id, installationId };
        AddCommon(command);
        configuration.AddTo(command);
        command.SetAction((parse, cancellationToken) => Send(parse, async (input, ct) =>
        {
            string instanceId = parse.GetValue(id) ?? Guid.NewGuid().ToString();
            var request = new InstantiationRequest
            {
                Id = instanceId,
                InstallationId = parse.GetValue(installationId)!,
                Token = CallbackToken(),
                State = LifecycleState.Initialized,
                Configuration = await configuration.ReadAsync(parse, environment, input, ct).ConfigureAwait(false),
            };
            return (HttpMethod.Post, parse.GetValue(_url)!, instanceId, JsonSerializer.SerializeToUtf8Bytes(request, ConnctdJson.GetTypeInfo<InstantiationRequest>()));
        }, cancellationToken));
        return command;
    }

    private Command Action()
    {
        var id = new Option<string?>("--id") { Description = "The action request id; a new one when omitted." };
        var thingId = new Option<string>("--thing-id") { Description = "The platform's id of the thing.", Required = true };
        var componentId = new Option<string>("--component-id") { Description = "The component.", Required = true };
        var actionId = new Option<string>("--action-id") { Description = "The action.", Required = true };
        var parameters = new Option<string[]>("--param") { Description = "An action parameter as name=value; repeat for several." };
        var command = new Command("action", "Send an action callback (POST <url>) with status PENDING.") { id, thingId, componentId, actionId, parameters };
        AddCommon(command);
        command.SetAction((parse, cancellationToken) => Send(parse, (_, _) =>
        {
            string requestId = parse.GetValue(id) ?? Guid.NewGuid().ToString();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in parse.GetValue(parameters) ?? [])
            {
                ConfigurationValue parameter = ConfigurationOptions.Split(pair, "--param", "name=value");
                values[parameter.Id] = parameter.Value;
            }

            var request = new ActionRequest
            {
                Id = requestId,
                ThingId = parse.GetValue(thingId)!,
                ComponentId = parse.GetValue(componentId)!,
                ActionId = parse.GetValue(actionId)!,
                Status = ActionStatus.Pending,
                Parameters = values,
            };
            return Task.FromResult((HttpMethod.Post, parse.GetValue(_url)!, requestId, JsonSerializer.SerializeToUtf8Bytes(request, ConnctdJson.GetTypeInfo<ActionRequest>())));
        }, cancellationToken));
        return command;
    }

    private Command Remove(string name, string description, string idDescription)
    {
        var id = new Argument<string>("id") { Description = idDescription };
        var command = new Command(name, description) { id };
        AddCommon(command);
        command.SetAction((parse, cancellationToken) => Send(parse, (_, _) =>
        {
            string removed = parse.GetValue(id)!;
            Uri target = new(parse.GetValue(_url)!.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(removed));
            return Task.FromResult((HttpMethod.Delete, target, removed, Array.Empty<byte>()));
        }, cancellationToken));
        return command;
    }

    private void AddCommon(Command command)
    {
        command.Options.Add(_url);
        command.Options.Add(_privateKeyFile);
        command.Options.Add(_privateKeyStdin);
        command.Options.Add(_signedScheme);
        command.Options.Add(_signedHost);
    }

    /// <summary>The token handed to the connector: from the environment when set there (it is a secret), else a random one.</summary>
    private string CallbackToken() => environment.Variable(CallbackTokenVariable) ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Task<int> Send(
        ParseResult parse,
        Func<StandardInput, CancellationToken, Task<(HttpMethod Method, Uri Target, string Id, byte[] Body)>> build,
        CancellationToken cancellationToken) =>
        CliApplication.GuardAsync(environment, parse, common, async output =>
        {
            var input = new StandardInput(environment.Input);
            using RequestSigner signer = await ReadSignerAsync(parse, input, cancellationToken).ConfigureAwait(false);
            (HttpMethod method, Uri target, string id, byte[] body) = await build(input, cancellationToken).ConfigureAwait(false);

            string date = HttpDate.Format(environment.Time.GetUtcNow());
            string scheme = parse.GetValue(_signedScheme) ?? "https";
            string host = parse.GetValue(_signedHost) ?? target.Authority;
            string signature = signer.Sign(method.Method, scheme, host, target.PathAndQuery, date, body);

            using var request = new HttpRequestMessage(method, target);
            if (method != HttpMethod.Delete)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }

            request.Headers.TryAddWithoutValidation("Date", date);
            request.Headers.TryAddWithoutValidation("Signature", signature);

            using HttpMessageInvoker client = CreateClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(CliExitCodes.Unreachable, $"The connector at {target} did not answer in time.", "TIMEOUT", exception);
            }
            catch (HttpRequestException exception)
            {
                throw new CliException(CliExitCodes.Unreachable, $"Cannot reach the connector at {target}: {exception.Message}", "CONNECTION_FAILED", exception);
            }

            using (response)
            {
                int status = (int)response.StatusCode;
                string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                JsonElement? json = TryParse(text);
                if (output.Json)
                {
                    output.WriteJson(
                        new CallbackOutput(method.Method, target.AbsoluteUri, id, status, json, json is null && text.Length > 0 ? text : null),
                        CliJsonContext.Default.CallbackOutput);
                }
                else
                {
                    output.Out.WriteLine($"{method.Method} {target} ({id}): {status} {response.ReasonPhrase}");
                    if (text.Length > 0)
                    {
                        output.Out.WriteLine(json is { } element ? CliOutput.ToJson(element, CliJsonContext.Default.JsonElement) : text);
                    }
                }

                return response.IsSuccessStatusCode ? CliExitCodes.Ok : CliExitCodes.RemoteFailure;
            }
        }, cancellationToken);

    private HttpMessageInvoker CreateClient() =>
        environment.HttpHandlerFactory is { } factory
            ? new HttpMessageInvoker(factory(), disposeHandler: true)
            : new HttpMessageInvoker(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true);

    private async Task<RequestSigner> ReadSignerAsync(ParseResult parse, StandardInput input, CancellationToken cancellationToken)
    {
        string? seed;
        string source;
        if (parse.GetValue(_privateKeyStdin))
        {
            seed = await input.ReadSecretLineAsync("private key", cancellationToken).ConfigureAwait(false);
            source = "standard input";
        }
        else if (parse.GetValue(_privateKeyFile) is { } file)
        {
            try
            {
                seed = await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException(CliExitCodes.InvalidInput, $"Cannot read the private key file {file.FullName}: {exception.Message}");
            }

            source = file.FullName;
        }
        else
        {
            seed = environment.Variable(PrivateKeyVariable)
                ?? throw new CliException($"No private key: set {PrivateKeyVariable}, or use --private-key-file or --private-key-stdin (create one with 'connctd keys generate').");
            source = PrivateKeyVariable;
        }

        try
        {
            return RequestSigner.FromPrivateKeySeedBase64(seed);
        }
        catch (FormatException exception)
        {
            // The message never repeats the key.
            throw new CliException(CliExitCodes.InvalidInput, $"The private key from {source} is not usable: {exception.Message}");
        }
    }

    private static JsonElement? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
