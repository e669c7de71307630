using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Testing.Internal;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>
/// Sends the platform's callbacks to one connector, signed with the publication key of its
/// <see cref="FakeConnctdPlatform"/>, and keeps the platform's records (installations, instances, action requests,
/// tokens) in step with the answers. Get one from <see cref="FakeConnctdPlatform.ConnectTo(Uri, string)"/> (a real
/// server) or <see cref="FakeConnctdPlatform.ConnectTo(HttpClient, string)"/> (for example
/// <c>WebApplicationFactory.CreateClient()</c>).
/// </summary>
/// <remarks>
/// Ids are generated when not given: <c>installation-1</c>, <c>instance-1</c>, <c>action-1</c>, … per platform. Give the
/// connector a fresh store for each platform, or pass your own ids, so a repeated id is not answered from an old record.
/// </remarks>
public sealed class ConnectorUnderTest : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();
    private readonly FakeConnctdPlatform _platform;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    internal ConnectorUnderTest(FakeConnctdPlatform platform, HttpClient http, bool ownsHttp, Uri callbackBaseUrl)
    {
        _platform = platform;
        _http = http;
        _ownsHttp = ownsHttp;
        CallbackBaseUrl = callbackBaseUrl;
    }

    /// <summary>Where the callbacks go, ending in a slash, for example <c>http://127.0.0.1:5080/connctd/</c>.</summary>
    public Uri CallbackBaseUrl { get; }

    /// <summary>
    /// The scheme put into the signed URL; <c>https</c> (the only scheme the platform calls) by default, which is what
    /// a connector in its default <c>Direct</c> mode expects even when the test talks plain HTTP.
    /// </summary>
    public string SignedScheme { get; set; } = "https";

    /// <summary>
    /// The host put into the signed URL; <see langword="null"/> (the default) signs the <c>Host</c> header as sent. Set it
    /// to test a connector configured with a public base URL, as behind a reverse proxy.
    /// </summary>
    public string? SignedHost { get; set; }

    /// <summary>Sends an installation callback (<c>POST {callbacks}/installations</c>).</summary>
    /// <param name="configuration">The installation's configuration values by parameter id; none by default.</param>
    /// <param name="installationId">The installation id; <c>installation-N</c> when <see langword="null"/>.</param>
    /// <param name="signing">How to sign it; anything but <see cref="CallbackSigning.Valid"/> changes no record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer and the installation state the platform takes from it.</returns>
    public async Task<SetupCallbackResponse> InstallAsync(
        IReadOnlyDictionary<string, string>? configuration = null,
        string? installationId = null,
        CallbackSigning signing = CallbackSigning.Valid,
        CancellationToken cancellationToken = default)
    {
        PlatformState state = _platform.State;
        string id = installationId ?? state.NextInstallationId();
        configuration ??= NoValues;
        string token = signing == CallbackSigning.Valid ? state.BeginInstallation(id, Copy(configuration)) : ForgedToken();
        var request = new InstallationRequest { Id = id, Token = token, State = LifecycleState.Initialized, Configuration = ToList(configuration) };
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, ConnctdJson.GetTypeInfo<InstallationRequest>());
        CallbackExchange exchange;
        try
        {
            exchange = await SendCoreAsync(HttpMethod.Post, "installations", body, "application/json", signing, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (signing == CallbackSigning.Valid)
        {
            state.AnswerInstallation(id, LifecycleState.Error, null);
            throw;
        }

        if (signing != CallbackSigning.Valid)
        {
            return new SetupCallbackResponse(exchange, id, LifecycleState.Unknown, null, null);
        }

        (LifecycleState result, FurtherStep? step, JsonElement? details) = InterpretSetup(exchange);
        state.AnswerInstallation(id, result, step);
        return new SetupCallbackResponse(exchange, id, result, step, details);
    }

    /// <summary>Sends an instantiation callback (<c>POST {callbacks}/instances</c>).</summary>
    /// <param name="installationId">The installation the instance belongs to.</param>
    /// <param name="configuration">The customer configuration values by parameter id; none by default.</param>
    /// <param name="instanceId">The instance id; <c>instance-N</c> when <see langword="null"/>.</param>
    /// <param name="signing">How to sign it; anything but <see cref="CallbackSigning.Valid"/> changes no record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer and the instance state the platform takes from it.</returns>
    public async Task<SetupCallbackResponse> InstantiateAsync(
        string installationId,
        IReadOnlyDictionary<string, string>? configuration = null,
        string? instanceId = null,
        CallbackSigning signing = CallbackSigning.Valid,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        PlatformState state = _platform.State;
        string id = instanceId ?? state.NextInstanceId();
        configuration ??= NoValues;
        string token = signing == CallbackSigning.Valid ? state.BeginInstance(id, installationId, Copy(configuration)) : ForgedToken();
        var request = new InstantiationRequest
        {
            Id = id,
            InstallationId = installationId,
            Token = token,
            State = LifecycleState.Initialized,
            Configuration = ToList(configuration),
        };
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, ConnctdJson.GetTypeInfo<InstantiationRequest>());
        CallbackExchange exchange;
        try
        {
            exchange = await SendCoreAsync(HttpMethod.Post, "instances", body, "application/json", signing, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (signing == CallbackSigning.Valid)
        {
            state.AnswerInstance(id, LifecycleState.Error, null);
            throw;
        }

        if (signing != CallbackSigning.Valid)
        {
            return new SetupCallbackResponse(exchange, id, LifecycleState.Unknown, null, null);
        }

        (LifecycleState result, FurtherStep? step, JsonElement? details) = InterpretSetup(exchange);
        state.AnswerInstance(id, result, step);
        return new SetupCallbackResponse(exchange, id, result, step, details);
    }

    /// <summary>
    /// Installs (expecting <c>201</c>) and then instantiates, the usual start of a test that needs things.
    /// </summary>
    /// <param name="instanceConfiguration">The customer configuration values of the instance; none by default.</param>
    /// <param name="installationConfiguration">The configuration values of the installation; none by default.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The answer to the instantiation; its installation is <see cref="FakeInstance.InstallationId"/> of <see cref="FakeConnctdPlatform.GetInstance"/>.</returns>
    /// <exception cref="InvalidOperationException">The installation was not answered with <c>201 Created</c>.</exception>
    public async Task<SetupCallbackResponse> InstallAndInstantiateAsync(
        IReadOnlyDictionary<string, string>? instanceConfiguration = null,
        IReadOnlyDictionary<string, string>? installationConfiguration = null,
        CancellationToken cancellationToken = default)
    {
        SetupCallbackResponse installation = await InstallAsync(installationConfiguration, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (installation.State != LifecycleState.Complete)
        {
            throw new InvalidOperationException($"The installation was answered {installation}; expected 201 Created.");
        }

        return await InstantiateAsync(installation.Id, instanceConfiguration, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an action callback (<c>POST {callbacks}/actions</c>).</summary>
    /// <param name="thingId">The thing, as the platform named it (<c>thing-N</c>).</param>
    /// <param name="componentId">The component.</param>
    /// <param name="actionId">The action.</param>
    /// <param name="parameters">The parameters by name; none by default.</param>
    /// <param name="actionRequestId">The action request id; <c>action-N</c> when <see langword="null"/>.</param>
    /// <param name="signing">How to sign it; anything but <see cref="CallbackSigning.Valid"/> changes no record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer and the action status the platform takes from it.</returns>
    public async Task<ActionCallbackResponse> SendActionAsync(
        string thingId,
        string componentId,
        string actionId,
        IReadOnlyDictionary<string, string>? parameters = null,
        string? actionRequestId = null,
        CallbackSigning signing = CallbackSigning.Valid,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        ArgumentException.ThrowIfNullOrEmpty(componentId);
        ArgumentException.ThrowIfNullOrEmpty(actionId);
        PlatformState state = _platform.State;
        string id = actionRequestId ?? state.NextActionRequestId();
        parameters ??= NoValues;
        if (signing == CallbackSigning.Valid)
        {
            state.BeginAction(id, thingId, componentId, actionId, Copy(parameters));
        }

        var request = new ActionRequest
        {
            Id = id,
            ThingId = thingId,
            ComponentId = componentId,
            ActionId = actionId,
            Status = ActionStatus.Pending,
            Parameters = Copy(parameters),
        };
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, ConnctdJson.GetTypeInfo<ActionRequest>());
        CallbackExchange exchange;
        try
        {
            exchange = await SendCoreAsync(HttpMethod.Post, "actions", body, "application/json", signing, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (signing == CallbackSigning.Valid)
        {
            state.AnswerAction(id, ActionStatus.Failed, "The connector could not be reached.");
            throw;
        }

        if (signing != CallbackSigning.Valid)
        {
            return new ActionCallbackResponse(exchange, id, ActionStatus.Unknown, null);
        }

        (ActionStatus status, string? error) = InterpretAction(exchange);
        state.AnswerAction(id, status, error);
        return new ActionCallbackResponse(exchange, id, status, error);
    }

    /// <summary>
    /// Sends an instance removal (<c>DELETE {callbacks}/instances/{id}</c>). Whatever the answer, the platform then
    /// removes the instance: its token is refused and its things are deleted.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="signing">How to sign it; anything but <see cref="CallbackSigning.Valid"/> changes no record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer; <c>204</c> is expected.</returns>
    public async Task<CallbackResponse> RemoveInstanceAsync(string instanceId, CallbackSigning signing = CallbackSigning.Valid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        try
        {
            CallbackExchange exchange = await SendCoreAsync(HttpMethod.Delete, "instances/" + Uri.EscapeDataString(instanceId), null, null, signing, cancellationToken).ConfigureAwait(false);
            return new CallbackResponse(exchange);
        }
        finally
        {
            if (signing == CallbackSigning.Valid)
            {
                _platform.State.RemoveInstance(instanceId);
            }
        }
    }

    /// <summary>
    /// Sends an uninstallation (<c>DELETE {callbacks}/installations/{id}</c>). Whatever the answer, the platform then
    /// removes the installation and its instances: their tokens are refused and their things are deleted.
    /// </summary>
    /// <param name="installationId">The installation.</param>
    /// <param name="signing">How to sign it; anything but <see cref="CallbackSigning.Valid"/> changes no record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer; <c>204</c> is expected.</returns>
    public async Task<CallbackResponse> UninstallAsync(string installationId, CallbackSigning signing = CallbackSigning.Valid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        try
        {
            CallbackExchange exchange = await SendCoreAsync(HttpMethod.Delete, "installations/" + Uri.EscapeDataString(installationId), null, null, signing, cancellationToken).ConfigureAwait(false);
            return new CallbackResponse(exchange);
        }
        finally
        {
            if (signing == CallbackSigning.Valid)
            {
                _platform.State.RemoveInstallation(installationId);
            }
        }
    }

    /// <summary>
    /// Sends any request to the connector, signed as <paramref name="signing"/> says, without touching the platform's
    /// records: for hostile or malformed input (wrong paths, bad JSON, other content types).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeTarget">The target below <see cref="CallbackBaseUrl"/>, for example <c>actions</c> or <c>instances/x%2Fy</c>.</param>
    /// <param name="body">The body, or <see langword="null"/> for none.</param>
    /// <param name="signing">How to sign it.</param>
    /// <param name="contentType">The content type of the body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<CallbackResponse> SendAsync(
        HttpMethod method,
        string relativeTarget,
        string? body,
        CallbackSigning signing = CallbackSigning.Valid,
        string contentType = "application/json",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(relativeTarget);
        byte[]? bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
        CallbackExchange exchange = await SendCoreAsync(method, relativeTarget.TrimStart('/'), bytes, contentType, signing, cancellationToken).ConfigureAwait(false);
        return new CallbackResponse(exchange);
    }

    /// <summary>Releases the HTTP client when this object created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<CallbackExchange> SendCoreAsync(
        HttpMethod method, string relativeTarget, byte[]? body, string? contentType, CallbackSigning signing, CancellationToken cancellationToken)
    {
        var uri = new Uri(CallbackBaseUrl, relativeTarget);
        string target = uri.PathAndQuery;
        string sentHost = uri.Authority;
        DateTimeOffset now = _platform.Time.GetUtcNow();
        string date = HttpDate.Format(signing == CallbackSigning.StaleDate ? now - TimeSpan.FromHours(1) : now);
        RequestSigner signer = signing == CallbackSigning.WrongKey ? _platform.WrongSigner : _platform.Signer;
        string signature = signer.Sign(method.Method, SignedScheme, SignedHost ?? sentHost, target, date, body ?? []);
        byte[]? sent = signing == CallbackSigning.TamperedBody ? Tamper(body) : body;

        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Host = sentHost;
        if (sent is not null)
        {
            request.Content = new ByteArrayContent(sent);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        if (signing != CallbackSigning.MissingDate)
        {
            request.Headers.TryAddWithoutValidation("Date", date);
        }

        if (signing != CallbackSigning.MissingSignature)
        {
            request.Headers.TryAddWithoutValidation("Signature", signature);
        }

        HttpResponseMessage response;
        string responseBody;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            responseBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _platform.State.RecordCallback(method.Method, target, signing, 0, null, exception.Message);
            throw;
        }

        using (response)
        {
            Log.CallbackSent(_platform.Logger, method.Method, target, signing, (int)response.StatusCode);
            var exchange = new CallbackExchange(method.Method, target, sent is null ? null : Encoding.UTF8.GetString(sent), signing, (int)response.StatusCode, responseBody);
            _platform.State.RecordCallback(method.Method, target, signing, exchange.StatusCode, new CallbackResponse(exchange).ErrorCode, null);
            return exchange;
        }
    }

    private static (LifecycleState State, FurtherStep? Step, JsonElement? Details) InterpretSetup(CallbackExchange exchange)
    {
        switch (exchange.StatusCode)
        {
            case 201:
                return (LifecycleState.Complete, null, null);
            case 401 or 403:
                return (LifecycleState.Failed, null, null);
            case 202:
                try
                {
                    SetupResponse? answer = JsonSerializer.Deserialize(exchange.ResponseBody, ConnctdJson.GetTypeInfo<SetupResponse>());
                    return answer is null ? (LifecycleState.Error, null, null) : (LifecycleState.Ongoing, answer.FurtherStep, answer.Details);
                }
                catch (JsonException)
                {
                    return (LifecycleState.Error, null, null);
                }

            default:
                return (LifecycleState.Error, null, null);
        }
    }

    private static (ActionStatus Status, string? Error) InterpretAction(CallbackExchange exchange)
    {
        switch (exchange.StatusCode)
        {
            case 204:
                return (ActionStatus.Completed, null);
            case 202:
                try
                {
                    ActionResponse? answer = JsonSerializer.Deserialize(exchange.ResponseBody, ConnctdJson.GetTypeInfo<ActionResponse>());
                    return answer?.Status switch
                    {
                        ActionStatus.Pending => (ActionStatus.Pending, null),
                        ActionStatus.Failed => (ActionStatus.Failed, answer.Error),
                        _ => (ActionStatus.Failed, "The connector answered 202 without PENDING or FAILED."),
                    };
                }
                catch (JsonException)
                {
                    return (ActionStatus.Failed, "The connector answered 202 with a malformed body.");
                }

            default:
                return (ActionStatus.Failed, new CallbackResponse(exchange).ErrorCode ?? $"The connector answered {exchange.StatusCode}.");
        }
    }

    private static byte[] Tamper(byte[]? body)
    {
        if (body is not { Length: > 0 })
        {
            return "{}"u8.ToArray();
        }

        string text = Encoding.UTF8.GetString(body);
        int end = text.LastIndexOf('}');
        if (end < 0)
        {
            return [.. body, (byte)' '];
        }

        bool empty = text[..end].TrimEnd().EndsWith('{');
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, end), empty ? "\"tampered\":true" : ",\"tampered\":true", text.AsSpan(end)));
    }

    private static string ForgedToken() => "forged-token-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string> values) => values.ToDictionary(StringComparer.Ordinal);

    private static List<ConfigurationValue> ToList(IReadOnlyDictionary<string, string> values) =>
        values.Select(pair => new ConfigurationValue(pair.Key, pair.Value)).ToList();
}
