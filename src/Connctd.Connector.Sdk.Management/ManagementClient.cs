using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Http;
using Connctd.Connector.Sdk.Management.Internal;
using Connctd.Connector.Sdk.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// The connctd management API (GraphQL): publish, list and remove connector publications; install, list and remove
/// installations; instantiate, list and remove instances. Register it with
/// <see cref="ManagementServiceCollectionExtensions.AddConnctdManagementClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ManagementClientOptions})"/>.
/// </summary>
/// <remarks>
/// <para>Publications and installations need a developer token, instances a service token; the client asks the
/// matching <see cref="ManagementTokenProvider"/> for each call. When the API refuses a cached token (401), the
/// client fetches a new one and tries once more.</para>
/// <para>Every value travels as a GraphQL variable, never spliced into the document. Every failure is a
/// <see cref="ManagementException"/> (<see cref="ManagementGraphQLException"/> for GraphQL errors,
/// <see cref="ManagementAuthenticationException"/> for refused credentials); a cancelled
/// <see cref="CancellationToken"/> surfaces as <see cref="OperationCanceledException"/>. Nothing is retried
/// automatically except that one 401: mutations are not safe to repeat.</para>
/// <para>The methods are virtual and a protected constructor exists, so tests can mock the client.</para>
/// </remarks>
public class ManagementClient
{
    /// <summary>The header that names the end customer on requests that concern one.</summary>
    public const string ExternalSubjectHeader = "X-External-Subject-ID";

    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly MediaTypeWithQualityHeaderValue JsonAccept = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly Uri _endpoint;
    private readonly string _publicationInputType;
    private readonly string _configurationInputType;
    private readonly ManagementTokenProvider? _developerTokens;
    private readonly ManagementTokenProvider? _serviceTokens;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>For mocking only: a client whose methods fail unless they are overridden.</summary>
    protected ManagementClient()
    {
        _httpClient = null!;
        _endpoint = ManagementClientOptions.DefaultEndpoint;
        _publicationInputType = "";
        _configurationInputType = "";
        _logger = NullLogger.Instance;
        _time = TimeProvider.System;
    }

    /// <summary>Creates a client over the given <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client to send with; its timeout applies to each call.</param>
    /// <param name="options">The options; the endpoint and GraphQL type names are read once, here.</param>
    /// <param name="developerTokens">Gives developer tokens (publications, installations); calls that need one fail without it.</param>
    /// <param name="serviceTokens">Gives service tokens (instances); calls that need one fail without it.</param>
    /// <param name="logger">Where to log; nothing is logged when <see langword="null"/>. Tokens are never logged.</param>
    /// <param name="timeProvider">The clock for durations; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) URL.</exception>
    public ManagementClient(
        HttpClient httpClient,
        IOptions<ManagementClientOptions> options,
        ManagementTokenProvider? developerTokens,
        ManagementTokenProvider? serviceTokens,
        ILogger<ManagementClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ManagementClientOptions value = options.Value;
        ArgumentNullException.ThrowIfNull(value.Endpoint);
        if (!value.Endpoint.IsAbsoluteUri || (value.Endpoint.Scheme != Uri.UriSchemeHttps && value.Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The management endpoint must be an absolute http(s) URL.", nameof(options));
        }

        _httpClient = httpClient;
        _endpoint = value.Endpoint;
        _publicationInputType = value.PublicationInputType;
        _configurationInputType = value.ConfigurationInputType;
        _developerTokens = developerTokens;
        _serviceTokens = serviceTokens;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Lists the connector publications of the developer's account (<c>connectorPublications</c>; developer token).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The publications, with every field (but no public key).</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<IReadOnlyList<ConnectorPublication>> ListPublicationsAsync(CancellationToken cancellationToken = default)
    {
        List<PublicationDto?> list = await ExecuteFieldAsync(
            "connectorPublications", "ConnectorPublications", GraphQLDocuments.ListPublications, writeVariables: null,
            ManagementTokenKind.Developer, externalSubjectId: null, ManagementJsonContext.Default.ListPublicationDto, cancellationToken).ConfigureAwait(false);
        return list.Where(item => item is not null).Select(item => item!.ToModel()).ToArray();
    }

    /// <summary>
    /// Publishes a connector (<c>publishConnector</c>; developer token). The answer holds the publication's public key,
    /// which the platform shows only this once: store it where the connector reads its configuration.
    /// </summary>
    /// <param name="manifest">What to publish; it is checked with <see cref="ConnectorManifest.Validate"/> first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new publication with <see cref="ConnectorPublication.PublicKey"/> set.</returns>
    /// <exception cref="ArgumentException">The manifest is not valid; the message lists every problem.</exception>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<ConnectorPublication> PublishConnectorAsync(ConnectorManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        IReadOnlyList<ManifestProblem> problems = manifest.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The manifest cannot be published: " + string.Join("; ", problems), nameof(manifest));
        }

        PublicationDto publication = await ExecuteFieldAsync(
            "publishConnector", "PublishConnector", GraphQLDocuments.Publish(_publicationInputType),
            writer =>
            {
                writer.WritePropertyName("connector");
                GraphQLVariables.WriteManifest(writer, manifest);
            },
            ManagementTokenKind.Developer, externalSubjectId: null, ManagementJsonContext.Default.PublicationDto, cancellationToken).ConfigureAwait(false);
        return publication.ToModel();
    }

    /// <summary>Removes a connector publication (<c>removeConnector</c>; developer token).</summary>
    /// <param name="connectorId">The publication id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The removed publication's id, name and state.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<ConnectorPublication> RemovePublicationAsync(string connectorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        PublicationDto publication = await ExecuteFieldAsync(
            "removeConnector", "RemoveConnector", GraphQLDocuments.RemovePublication,
            writer => writer.WriteString("connectorId", connectorId),
            ManagementTokenKind.Developer, externalSubjectId: null, ManagementJsonContext.Default.PublicationDto, cancellationToken).ConfigureAwait(false);
        return publication.ToModel();
    }

    /// <summary>Lists the connector installations of an app (<c>connectorInstallations</c>; developer token).</summary>
    /// <param name="appId">The app id (also called client id).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The installations, each with its connector's fields.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<IReadOnlyList<ConnectorInstallation>> ListInstallationsAsync(string appId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        List<InstallationDto?> list = await ExecuteFieldAsync(
            "connectorInstallations", "ConnectorInstallations", GraphQLDocuments.ListInstallations,
            writer => writer.WriteString("appId", appId),
            ManagementTokenKind.Developer, externalSubjectId: null, ManagementJsonContext.Default.ListInstallationDto, cancellationToken).ConfigureAwait(false);
        return list.Where(item => item is not null).Select(item => item!.ToModel()).ToArray();
    }

    /// <summary>
    /// Installs a connector for an app (<c>installConnector</c>; developer token). The platform calls the connector's
    /// installation callback before it answers; an installation that needs more steps answers
    /// <see cref="LifecycleState.Ongoing"/>.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="connectorId">The publication id.</param>
    /// <param name="configuration">The values of the publication's configuration parameters; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new installation.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<ConnectorInstallation> InstallConnectorAsync(
        string appId, string connectorId, IEnumerable<ConfigurationValue>? configuration = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        ConfigurationValue[] values = CheckedConfiguration(configuration);
        InstallationDto installation = await ExecuteFieldAsync(
            "installConnector", "InstallConnector", GraphQLDocuments.Install(_configurationInputType),
            writer =>
            {
                writer.WriteString("appId", appId);
                writer.WriteString("connectorId", connectorId);
                writer.WritePropertyName("configuration");
                GraphQLVariables.WriteConfiguration(writer, values);
            },
            ManagementTokenKind.Developer, externalSubjectId: null, ManagementJsonContext.Default.InstallationDto, cancellationToken).ConfigureAwait(false);
        return installation.ToModel();
    }

    /// <summary>
    /// Removes an installation (<c>removeInstallation</c>; developer token). With <paramref name="removeInstances"/>
    /// <see langword="false"/> and live instances, the platform removes nothing and lists the instances in the way.
    /// </summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="removeInstances">Whether to remove the installation's instances with it (their end customers lose the things).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The affected installation and instances.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<InstallationRemoval> RemoveInstallationAsync(string installationId, bool removeInstances, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        RemovalDto removal = await ExecuteFieldAsync(
            "removeInstallation", "RemoveInstallation", GraphQLDocuments.RemoveInstallation,
            writer =>
            {
                writer.WriteString("installationId", installationId);
                writer.WriteBoolean("removeInstances", removeInstances);
            },
            ManagementTokenKind.Developer, externalSubjectId: null, ManagementJsonContext.Default.RemovalDto, cancellationToken).ConfigureAwait(false);
        return removal.ToModel();
    }

    /// <summary>Lists the instances of the app (<c>connectorInstantiations</c>; service token).</summary>
    /// <param name="externalSubjectId">The end customer to send as <c>X-External-Subject-ID</c>, if the call concerns one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances, with their further steps.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<IReadOnlyList<ConnectorInstance>> ListInstancesAsync(string? externalSubjectId = null, CancellationToken cancellationToken = default)
    {
        List<InstanceDto?> list = await ExecuteFieldAsync(
            "connectorInstantiations", "ConnectorInstantiations", GraphQLDocuments.ListInstances, writeVariables: null,
            ManagementTokenKind.Service, externalSubjectId, ManagementJsonContext.Default.ListInstanceDto, cancellationToken).ConfigureAwait(false);
        return list.Where(item => item is not null).Select(item => item!.ToModel()).ToArray();
    }

    /// <summary>
    /// Instantiates an installation for one end customer (<c>instantiateConnector</c>; service token). The platform
    /// calls the connector's instance callback before it answers; an instance that needs the end customer to act
    /// answers <see cref="LifecycleState.Ongoing"/> with a <see cref="ConnectorInstance.FurtherStep"/>.
    /// </summary>
    /// <param name="installationId">The installation id.</param>
    /// <param name="configuration">The values of the publication's customer configuration parameters; none when <see langword="null"/>.</param>
    /// <param name="externalSubjectId">The end customer to send as <c>X-External-Subject-ID</c>, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new instance.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<ConnectorInstance> InstantiateConnectorAsync(
        string installationId,
        IEnumerable<ConfigurationValue>? configuration = null,
        string? externalSubjectId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        ConfigurationValue[] values = CheckedConfiguration(configuration);
        InstanceDto instance = await ExecuteFieldAsync(
            "instantiateConnector", "InstantiateConnector", GraphQLDocuments.Instantiate(_configurationInputType),
            writer =>
            {
                writer.WriteString("installationId", installationId);
                writer.WritePropertyName("configuration");
                GraphQLVariables.WriteConfiguration(writer, values);
            },
            ManagementTokenKind.Service, externalSubjectId, ManagementJsonContext.Default.InstanceDto, cancellationToken).ConfigureAwait(false);
        return instance.ToModel();
    }

    /// <summary>Removes an instance (<c>removeInstance</c>; service token); the platform deletes its things.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="externalSubjectId">The end customer to send as <c>X-External-Subject-ID</c>, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The removed instance.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<ConnectorInstance> RemoveInstanceAsync(string instanceId, string? externalSubjectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        InstanceDto instance = await ExecuteFieldAsync(
            "removeInstance", "RemoveInstance", GraphQLDocuments.RemoveInstance,
            writer => writer.WriteString("instanceId", instanceId),
            ManagementTokenKind.Service, externalSubjectId, ManagementJsonContext.Default.InstanceDto, cancellationToken).ConfigureAwait(false);
        return instance.ToModel();
    }

    /// <summary>
    /// Sends any GraphQL document, for what the typed methods do not cover (for example queries about things, with
    /// <c>X-External-Subject-ID</c>). Errors are handled as for the typed methods.
    /// </summary>
    /// <param name="document">The GraphQL document; pass every value in <paramref name="variables"/>.</param>
    /// <param name="variables">The variables, or <see langword="null"/>.</param>
    /// <param name="tokenKind">Which token to authenticate with.</param>
    /// <param name="externalSubjectId">The end customer to send as <c>X-External-Subject-ID</c>, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer's <c>data</c> object.</returns>
    /// <exception cref="ManagementException">The call failed.</exception>
    public virtual async Task<JsonElement> ExecuteAsync(
        string document,
        JsonObject? variables,
        ManagementTokenKind tokenKind,
        string? externalSubjectId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document);
        Action<Utf8JsonWriter>? write = variables is null
            ? null
            : writer =>
            {
                foreach (KeyValuePair<string, JsonNode?> variable in variables)
                {
                    writer.WritePropertyName(variable.Key);
                    if (variable.Value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        variable.Value.WriteTo(writer);
                    }
                }
            };
        return await ExecuteCoreAsync("query", operationName: null, document, write, tokenKind, externalSubjectId, cancellationToken).ConfigureAwait(false);
    }

    private static ConfigurationValue[] CheckedConfiguration(IEnumerable<ConfigurationValue>? configuration)
    {
        ConfigurationValue[] values = configuration?.ToArray() ?? [];
        foreach (ConfigurationValue value in values)
        {
            if (value is null || string.IsNullOrEmpty(value.Id) || value.Value is null)
            {
                throw new ArgumentException("Every configuration value needs a parameter id and a value (which may be empty).", nameof(configuration));
            }
        }

        return values;
    }

    private async Task<T> ExecuteFieldAsync<T>(
        string field,
        string operationName,
        string document,
        Action<Utf8JsonWriter>? writeVariables,
        ManagementTokenKind tokenKind,
        string? externalSubjectId,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
    {
        JsonElement data = await ExecuteCoreAsync(field, operationName, document, writeVariables, tokenKind, externalSubjectId, cancellationToken).ConfigureAwait(false);
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Unreadable(field, 200, $"The answer's data carried no {field}.");
        }

        try
        {
            return value.Deserialize(typeInfo) ?? throw Unreadable(field, 200, $"The answer's {field} was null.");
        }
        catch (JsonException exception)
        {
            throw Unreadable(field, 200, $"The answer's {field} has an unexpected shape.", exception);
        }
    }

    private async Task<JsonElement> ExecuteCoreAsync(
        string operation,
        string? operationName,
        string document,
        Action<Utf8JsonWriter>? writeVariables,
        ManagementTokenKind tokenKind,
        string? externalSubjectId,
        CancellationToken cancellationToken)
    {
        ManagementTokenProvider tokens = ProviderFor(tokenKind);
        byte[] body = GraphQLVariables.BuildRequest(document, operationName, writeVariables);
        for (int attempt = 0; ; attempt++)
        {
            ManagementToken token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = JsonContentType;
            request.Headers.Accept.Add(JsonAccept);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
            if (!string.IsNullOrEmpty(externalSubjectId))
            {
                request.Headers.TryAddWithoutValidation(ExternalSubjectHeader, externalSubjectId);
            }

            long started = _time.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await ManagementTransport.SendAsync(_httpClient, request, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (ManagementException exception)
            {
                throw Failed(exception, started);
            }

            using (response)
            {
                int status = (int)response.StatusCode;
                if (status == 401 && attempt == 0 && tokens.CanRenew)
                {
                    Log.CallUnauthorizedRetrying(_logger, operation, tokenKind);
                    tokens.Invalidate(token);
                    continue;
                }

                return await ReadAnswerAsync(operation, response, token, started, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private ManagementTokenProvider ProviderFor(ManagementTokenKind kind) => kind switch
    {
        ManagementTokenKind.Developer => _developerTokens ?? throw new InvalidOperationException(
            "This call needs a developer token: set ManagementClientOptions.Developer (Email and Password, or Token), or pass a developer token provider."),
        ManagementTokenKind.Service => _serviceTokens ?? throw new InvalidOperationException(
            "This call needs a service token: set ManagementClientOptions.Service (ClientId and ClientSecret, or Token), or pass a service token provider."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown token kind."),
    };

    private async Task<JsonElement> ReadAnswerAsync(string operation, HttpResponseMessage response, ManagementToken token, long started, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        string secret = token.Reveal();
        string? headerRequestId = SecretText.Clean(HttpTransport.RequestIdHeader(response), secret);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        JsonDocument? document = null;
        if (body.Length > 0)
        {
            try
            {
                document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException)
            {
                // Not JSON: reported below by status.
            }
        }

        using (document)
        {
            JsonElement root = document?.RootElement ?? default;
            bool isObject = root.ValueKind == JsonValueKind.Object;
            string? requestId = (isObject ? SecretText.Clean(StringOf(root, "requestId"), secret) : null) ?? headerRequestId;

            if (isObject && root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                List<GraphQLError> parsed = ParseErrors(errors, secret);
                Log.CallGraphQLErrors(_logger, operation, status, parsed.Count, parsed.FirstOrDefault(error => error.Code is not null)?.Code);
                throw new ManagementGraphQLException(operation, status, parsed, requestId);
            }

            if (!response.IsSuccessStatusCode)
            {
                string? errorCode = isObject ? SecretText.Clean(StringOf(root, "error"), secret) : null;
                string? description = isObject ? SecretText.Clean(StringOf(root, "description") ?? StringOf(root, "message"), secret) : null;
                ManagementException failure = status is 401 or 403
                    ? new ManagementAuthenticationException(operation, status, errorCode ?? ManagementErrorCodes.AuthenticationFailed, description, requestId)
                    : new ManagementException(operation, status, errorCode ?? ManagementErrorCodes.HttpError, description, requestId, HttpTransport.IsTransientStatus(status));
                throw Failed(failure, started);
            }

            if (!isObject || !root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object)
            {
                throw Failed(Unreadable(operation, status, "The answer is not a GraphQL result with data."), started);
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                long elapsed = ElapsedMilliseconds(started);
                Log.CallSucceeded(_logger, operation, status, elapsed);
            }

            return data.Clone();
        }
    }

    private static List<GraphQLError> ParseErrors(JsonElement errors, string secret)
    {
        var parsed = new List<GraphQLError>();
        foreach (JsonElement error in errors.EnumerateArray())
        {
            if (error.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string message = SecretText.Clean(StringOf(error, "message"), secret) ?? "";
            var path = new List<string>();
            if (error.TryGetProperty("path", out JsonElement pathElement) && pathElement.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement segment in pathElement.EnumerateArray())
                {
                    path.Add(segment.ValueKind == JsonValueKind.String ? segment.GetString() ?? "" : segment.GetRawText());
                }
            }

            JsonElement? extensions = error.TryGetProperty("extensions", out JsonElement extensionsElement) && extensionsElement.ValueKind == JsonValueKind.Object
                ? extensionsElement.Clone()
                : null;
            string? code = extensions is { } ext ? SecretText.Clean(StringOf(ext, "code"), secret) : null;
            parsed.Add(new GraphQLError(message, path, code, extensions));
        }

        return parsed;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ManagementException Unreadable(string operation, int status, string description, Exception? cause = null) =>
        new(operation, status, ManagementErrorCodes.InvalidResponse, description, requestId: null, isTransient: false, cause);

    private ManagementException Failed(ManagementException exception, long started)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            long elapsed = ElapsedMilliseconds(started);
            Log.CallFailed(_logger, exception.Operation, elapsed, exception.Status, exception.ErrorCode, exception.RequestId, exception.IsTransient);
        }

        return exception;
    }

    private long ElapsedMilliseconds(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;
}
