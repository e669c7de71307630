using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.Client.Internal;
using Connctd.Connector.Sdk.Http;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Security;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Client;

/// <summary>
/// The connctd platform API (connector → platform): create and delete things, push property values, thing status
/// and action results, and report installation and instance states. Register it with
/// <see cref="PlatformClientServiceCollectionExtensions.AddConnctdPlatformClient(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>
/// to get connection reuse, timeouts, retries, a rate limit and a circuit breaker (see
/// <see cref="PlatformResilienceOptions"/>).
/// </summary>
/// <remarks>
/// <para>Every call authenticates with the token passed to it (<c>Authorization: Bearer</c>); the client keeps no
/// token, so one instance serves every installation and instance. Ids are escaped into the path.</para>
/// <para>Every failure is a <see cref="PlatformException"/>; a cancelled <see cref="CancellationToken"/> surfaces as
/// <see cref="OperationCanceledException"/>; invalid arguments as <see cref="ArgumentException"/>.</para>
/// <para>The methods are virtual and a protected constructor exists, so tests can mock the client.</para>
/// </remarks>
public class PlatformClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly MediaTypeWithQualityHeaderValue JsonAccept = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly Uri _baseUrl;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PlatformCircuitMonitor? _circuit;
    private readonly bool _tracksSending;
    private readonly Diagnostics.PlatformClientTelemetry _telemetry;

    /// <summary>For mocking only: a client whose methods fail unless they are overridden.</summary>
    protected PlatformClient()
    {
        _httpClient = null!;
        _baseUrl = PlatformClientOptions.DefaultBaseUrl;
        _logger = NullLogger.Instance;
        _time = TimeProvider.System;
        _telemetry = Diagnostics.PlatformClientTelemetry.Default;
    }

    /// <summary>
    /// Creates a client over the given <see cref="HttpClient"/>. Prefer
    /// <see cref="PlatformClientServiceCollectionExtensions.AddConnctdPlatformClient(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>,
    /// which adds the resilience pipeline; a client created directly has only what <paramref name="httpClient"/> has.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send with; its base address is not used.</param>
    /// <param name="options">The options; <see cref="PlatformClientOptions.BaseUrl"/> is read once, here.</param>
    /// <param name="logger">Where to log; nothing is logged when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The base address is not absolute http(s).</exception>
    public PlatformClient(HttpClient httpClient, IOptions<PlatformClientOptions> options, ILogger<PlatformClient>? logger = null)
        : this(httpClient, options, logger, TimeProvider.System, circuit: null, tracksSending: false, telemetry: null)
    {
    }

    internal PlatformClient(
        HttpClient httpClient,
        IOptions<PlatformClientOptions> options,
        ILogger? logger,
        TimeProvider time,
        PlatformCircuitMonitor? circuit,
        bool tracksSending,
        Diagnostics.PlatformClientTelemetry? telemetry)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _httpClient = httpClient;
        _baseUrl = PlatformUrls.Normalize(options.Value.BaseUrl);
        _logger = logger ?? NullLogger.Instance;
        _time = time;
        _circuit = circuit;
        _tracksSending = tracksSending;
        _telemetry = telemetry ?? Diagnostics.PlatformClientTelemetry.Default;
    }

    /// <summary>
    /// The state of the circuit breaker: <see cref="PlatformCircuitState.Open"/> while calls fail at once after
    /// repeated failures. Always <see cref="PlatformCircuitState.Closed"/> for a client created without
    /// <see cref="PlatformClientServiceCollectionExtensions.AddConnctdPlatformClient(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>.
    /// </summary>
    public virtual PlatformCircuitState CircuitState => _circuit?.State ?? PlatformCircuitState.Closed;

    /// <summary>
    /// Creates a thing for an instance (POST <c>connectorhub/callback/instances/things</c>). Never retried
    /// automatically: when it fails with <see cref="PlatformException.OutcomeUnknown"/>, the thing may exist.
    /// </summary>
    /// <param name="token">The instance's token.</param>
    /// <param name="thing">The thing; its id is left empty (the platform assigns one).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id the platform assigned to the thing.</returns>
    /// <exception cref="PlatformException">The call failed.</exception>
    public virtual async Task<string> CreateThingAsync(InstanceToken token, Thing thing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(thing);
        const string operation = "CreateThing";

        long started = _time.GetTimestamp();
        using HttpResponseMessage response = await SendAsync(
            operation,
            HttpMethod.Post,
            "connectorhub/callback/instances/things",
            Serialize(new CreateThingRequest(thing), ConnctdJsonContext.Default.CreateThingRequest),
            token,
            retryable: false,
            cancellationToken).ConfigureAwait(false);

        string? id = null;
        try
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            id = JsonSerializer.Deserialize(body, ConnctdJsonContext.Default.CreateThingResponse)?.Id;
        }
        catch (JsonException)
        {
            // Reported below: the thing exists, but its id is unknown.
        }

        if (string.IsNullOrEmpty(id))
        {
            int status = (int)response.StatusCode;
            Log.PlatformResponseUnreadable(_logger, operation, status);
            throw Failed(new PlatformException(
                operation, status, PlatformErrorCodes.InvalidResponse, "The answer carried no thing id.", requestId: null,
                isTransient: false, outcomeUnknown: true), started);
        }

        return id;
    }

    /// <summary>
    /// Sends a property's new value (PUT <c>connectorhub/callback/instances/things/{thingId}/components/{componentId}/properties/{propertyId}</c>).
    /// </summary>
    /// <param name="token">The instance's token.</param>
    /// <param name="thingId">The platform's id of the thing.</param>
    /// <param name="componentId">The component's id.</param>
    /// <param name="propertyId">The property's id.</param>
    /// <param name="value">The new value, as a string (may be empty).</param>
    /// <param name="lastUpdate">When the device reported the value; sent as RFC 3339 in UTC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the platform accepted the value.</returns>
    /// <exception cref="PlatformException">The call failed.</exception>
    public virtual async Task UpdatePropertyValueAsync(
        InstanceToken token,
        string thingId,
        string componentId,
        string propertyId,
        string value,
        DateTimeOffset lastUpdate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(thingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(componentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyId);
        ArgumentNullException.ThrowIfNull(value);

        string path = $"connectorhub/callback/instances/things/{PlatformUrls.Segment(thingId)}/components/{PlatformUrls.Segment(componentId)}/properties/{PlatformUrls.Segment(propertyId)}";
        using HttpResponseMessage response = await SendAsync(
            "UpdatePropertyValue",
            HttpMethod.Put,
            path,
            Serialize(new PropertyValueUpdate(value, lastUpdate), ConnctdJsonContext.Default.PropertyValueUpdate),
            token,
            retryable: true,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a thing's status (PUT <c>connectorhub/callback/instances/things/{thingId}/status</c>).</summary>
    /// <param name="token">The instance's token.</param>
    /// <param name="thingId">The platform's id of the thing.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the platform accepted the status.</returns>
    /// <exception cref="PlatformException">The call failed.</exception>
    public virtual async Task UpdateThingStatusAsync(
        InstanceToken token, string thingId, ThingStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(thingId);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown thing status.");
        }

        using HttpResponseMessage response = await SendAsync(
            "UpdateThingStatus",
            HttpMethod.Put,
            $"connectorhub/callback/instances/things/{PlatformUrls.Segment(thingId)}/status",
            Serialize(new ThingStatusUpdate(status), ConnctdJsonContext.Default.ThingStatusUpdate),
            token,
            retryable: true,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a thing (DELETE <c>connectorhub/callback/instances/things/{thingId}</c>).</summary>
    /// <param name="token">The instance's token.</param>
    /// <param name="thingId">The platform's id of the thing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the platform deleted the thing.</returns>
    /// <exception cref="PlatformException">The call failed (a thing that is already gone answers with the platform's 404).</exception>
    public virtual async Task DeleteThingAsync(InstanceToken token, string thingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(thingId);

        using HttpResponseMessage response = await SendAsync(
            "DeleteThing",
            HttpMethod.Delete,
            $"connectorhub/callback/instances/things/{PlatformUrls.Segment(thingId)}",
            body: null,
            token,
            retryable: true,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports the result of a long-running action (PUT <c>connectorhub/callback/instances/actions/requests/{actionRequestId}</c>).
    /// </summary>
    /// <param name="token">The instance's token.</param>
    /// <param name="actionRequestId">The id of the action request, from the action callback.</param>
    /// <param name="status"><see cref="ActionStatus.Completed"/> or <see cref="ActionStatus.Failed"/>.</param>
    /// <param name="errorMessage">Why the action failed; sent only with <see cref="ActionStatus.Failed"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the platform accepted the result.</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is neither Completed nor Failed.</exception>
    /// <exception cref="PlatformException">The call failed (for example because the platform already ended the request).</exception>
    public virtual async Task UpdateActionRequestAsync(
        InstanceToken token,
        string actionRequestId,
        ActionStatus status,
        string? errorMessage = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(actionRequestId);
        if (status is not (ActionStatus.Completed or ActionStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A connector may only report Completed or Failed.");
        }

        var update = new ActionRequestUpdate(status, status == ActionStatus.Failed ? errorMessage : null);
        using HttpResponseMessage response = await SendAsync(
            "UpdateActionRequest",
            HttpMethod.Put,
            $"connectorhub/callback/instances/actions/requests/{PlatformUrls.Segment(actionRequestId)}",
            Serialize(update, ConnctdJsonContext.Default.ActionRequestUpdate),
            token,
            retryable: true,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports the state of an installation (POST <c>connectorhub/callback/installations/state</c>).</summary>
    /// <param name="token">The installation's token.</param>
    /// <param name="state"><see cref="LifecycleState.Complete"/>, <see cref="LifecycleState.Ongoing"/> or <see cref="LifecycleState.Failed"/>.</param>
    /// <param name="details">Any JSON to keep with the state; omitted when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the platform accepted the state.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not one a connector may set.</exception>
    /// <exception cref="PlatformException">The call failed.</exception>
    public virtual async Task UpdateInstallationStateAsync(
        InstallationToken token, LifecycleState state, JsonElement? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using HttpResponseMessage response = await SendAsync(
            "UpdateInstallationState",
            HttpMethod.Post,
            "connectorhub/callback/installations/state",
            SerializeState(state, details),
            token,
            retryable: true,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports the state of an instance (POST <c>connectorhub/callback/instances/state</c>).</summary>
    /// <param name="token">The instance's token.</param>
    /// <param name="state"><see cref="LifecycleState.Complete"/>, <see cref="LifecycleState.Ongoing"/> or <see cref="LifecycleState.Failed"/>.</param>
    /// <param name="details">Any JSON to keep with the state; omitted when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the platform accepted the state.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not one a connector may set.</exception>
    /// <exception cref="PlatformException">The call failed.</exception>
    public virtual async Task UpdateInstanceStateAsync(
        InstanceToken token, LifecycleState state, JsonElement? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using HttpResponseMessage response = await SendAsync(
            "UpdateInstanceState",
            HttpMethod.Post,
            "connectorhub/callback/instances/state",
            SerializeState(state, details),
            token,
            retryable: true,
            cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private static byte[] SerializeState(LifecycleState state, JsonElement? details)
    {
        if (state is not (LifecycleState.Complete or LifecycleState.Ongoing or LifecycleState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A connector may only report Complete, Ongoing or Failed.");
        }

        JsonElement? sent = details is { ValueKind: not JsonValueKind.Undefined } ? details : null;
        return Serialize(new StateUpdate(state, sent), ConnctdJsonContext.Default.StateUpdate);
    }

    /// <summary>Sends one call; returns the response when its status is 2xx and throws <see cref="PlatformException"/> otherwise.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        string operation,
        HttpMethod method,
        string path,
        byte[]? body,
        SecretToken token,
        bool retryable,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, PlatformUrls.Combine(_baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        request.Headers.Accept.Add(JsonAccept);
        request.Options.Set(PlatformRequestOptions.Operation, operation);
        if (!retryable)
        {
            request.Options.Set(PlatformRequestOptions.NoRetry, true);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonContentType;
        }

        long started = _time.GetTimestamp();
        using System.Diagnostics.Activity? activity = Diagnostics.PlatformClientTelemetry.StartCall(operation);
        HttpResponseMessage response = await HttpTransport.SendAsync(
            _httpClient, request, failure => Failed(FromTransportFailure(operation, request, failure), started), cancellationToken).ConfigureAwait(false);

        int status = (int)response.StatusCode;
        _telemetry.Record(activity, operation, status, _time.GetElapsedTime(started));
        if (response.IsSuccessStatusCode)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                long elapsed = ElapsedMilliseconds(started);
                Log.PlatformCallSucceeded(_logger, operation, status, elapsed);
            }

            return response;
        }

        using (response)
        {
            throw Failed(await FromErrorResponseAsync(operation, response, token, cancellationToken).ConfigureAwait(false), started);
        }
    }

    private PlatformException FromTransportFailure(string operation, HttpRequestMessage request, HttpTransportFailure failure) => failure.Kind switch
    {
        HttpTransportFailureKind.CircuitOpen => new PlatformException(
            operation, 0, PlatformErrorCodes.CircuitOpen, "The circuit breaker is open after repeated failures; the call was not sent.",
            requestId: null, isTransient: true, outcomeUnknown: false, innerException: failure.Cause),
        HttpTransportFailureKind.RateLimited => new PlatformException(
            operation, 0, PlatformErrorCodes.RateLimited, "The client's rate-limit queue is full; the call was not sent.",
            requestId: null, isTransient: true, outcomeUnknown: false, failure.RetryAfter, failure.Cause),
        HttpTransportFailureKind.ConnectionFailed => new PlatformException(
            operation, 0, PlatformErrorCodes.ConnectionFailed, "The connection to the platform failed.", requestId: null,
            isTransient: true, outcomeUnknown: !failure.NeverLeft && MayHaveBeenSent(request), innerException: failure.Cause),
        _ => new PlatformException(
            operation, 0, PlatformErrorCodes.Timeout, "The platform did not answer in time.", requestId: null,
            isTransient: true, outcomeUnknown: MayHaveBeenSent(request), innerException: failure.Cause),
    };

    /// <summary>Whether an attempt may have left; without the send marker (a client built by hand) assume it did.</summary>
    private bool MayHaveBeenSent(HttpRequestMessage request) =>
        !_tracksSending || PlatformRequestOptions.IsSet(request, PlatformRequestOptions.Sent);

    private PlatformException Failed(PlatformException exception, long started)
    {
        if (exception.Status == 0)
        {
            _telemetry.Record(System.Diagnostics.Activity.Current, exception.Operation, 0, _time.GetElapsedTime(started));
        }

        Log.PlatformCallFailed(
            _logger,
            exception.Operation,
            ElapsedMilliseconds(started),
            exception.Status,
            exception.ErrorCode,
            exception.RequestId,
            exception.IsTransient,
            exception.OutcomeUnknown);
        return exception;
    }

    private long ElapsedMilliseconds(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private async Task<PlatformException> FromErrorResponseAsync(
        string operation, HttpResponseMessage response, SecretToken token, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        ErrorResponse? error = null;
        try
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                error = JsonSerializer.Deserialize(body, ConnctdJsonContext.Default.ErrorResponse);
            }
        }
        catch (JsonException)
        {
            // Not the protocol's error body: keep the status only; the body text is never copied.
        }

        string secret = token.Reveal();
        string? requestId = SecretText.Clean(error?.RequestId, secret) ?? SecretText.Clean(HttpTransport.RequestIdHeader(response), secret);

        return new PlatformException(
            operation,
            status,
            SecretText.Clean(error?.Error, secret),
            SecretText.Clean(error?.Description, secret),
            requestId,
            HttpTransport.IsTransientStatus(status),
            outcomeUnknown: false,
            HttpTransport.RetryAfterDelay(response, _time));
    }
}
