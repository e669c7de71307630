using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.AspNetCore.Upstream;
using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// A client of one upstream API for one tenant (an installation, or an instance of it), created by
/// <see cref="IUpstreamApiClientFactory"/>. It sends the tenant's own credentials on every request, through the
/// API's resilience pipeline (timeouts, retries of idempotent calls, rate limit, circuit breaker); it is cheap to
/// create, immutable, and safe for concurrent use. Wrap it in a typed class of your own for the API's operations.
/// </summary>
/// <remarks>
/// <para><see cref="SendAsync"/> returns every answer the API gives, whatever its status; it throws
/// <see cref="UpstreamApiException"/> only when no answer came (timeout, connection failure, open circuit, full
/// rate-limit queue, missing or refused credentials). <see cref="GetFromJsonAsync{T}"/> also throws for an error
/// status (<see cref="UpstreamErrorCodes.HttpError"/>) or an unreadable body. Nothing is logged but the API's name,
/// the method, the status and the duration.</para>
/// <para>The methods are virtual and a protected constructor exists, so tests can mock the client.</para>
/// </remarks>
public class UpstreamApiClient
{
    private readonly HttpClient _http;
    private readonly UpstreamClientContext _context;
    private readonly UpstreamCircuitRegistry? _circuits;
    private readonly UpstreamAvailabilityTracker? _tracker;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>For mocking only: a client whose methods fail unless they are overridden.</summary>
    protected UpstreamApiClient()
    {
        _http = null!;
        _context = new UpstreamClientContext(new UpstreamCircuitKey("", ""), UpstreamCredentials.None, new UpstreamAuthenticationOptions());
        _logger = NullLogger.Instance;
        _time = TimeProvider.System;
        ApiName = "";
        BaseUrl = new Uri("http://localhost/");
        InstallationId = "";
    }

    internal UpstreamApiClient(
        HttpClient http,
        UpstreamClientContext context,
        Uri baseUrl,
        string installationId,
        string? instanceId,
        UpstreamCircuitRegistry circuits,
        UpstreamAvailabilityTracker tracker,
        ILogger? logger,
        TimeProvider time)
    {
        _http = http;
        _context = context;
        _circuits = circuits;
        _tracker = tracker;
        _logger = logger ?? NullLogger.Instance;
        _time = time;
        ApiName = context.Key.Api;
        BaseUrl = baseUrl;
        InstallationId = installationId;
        InstanceId = instanceId;
    }

    /// <summary>The API's registered name, for example <c>weather</c>.</summary>
    public string ApiName { get; }

    /// <summary>The API's base address (with a trailing slash); relative request addresses are appended to it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The installation whose credentials the client uses.</summary>
    public string InstallationId { get; }

    /// <summary>The instance the client calls for, whose things depend on the API; <see langword="null"/> for installation-level calls.</summary>
    public string? InstanceId { get; }

    /// <summary>The state of the circuit breaker this client's calls go through.</summary>
    public virtual UpstreamCircuitState CircuitState => _circuits?.StateOf(_context.Key) ?? UpstreamCircuitState.Closed;

    /// <summary>
    /// Sends a request with the tenant's credentials. A relative address is appended to <see cref="BaseUrl"/> (a
    /// leading slash is ignored); an absolute one must have the base address's scheme, host and port.
    /// </summary>
    /// <param name="request">The request; the caller keeps ownership. Only idempotent methods are retried.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The API's answer, whatever its status; dispose it.</returns>
    /// <exception cref="UpstreamApiException">No answer came, or the credentials were missing or refused by the token endpoint.</exception>
    /// <exception cref="ArgumentException">The address is not under <see cref="BaseUrl"/>.</exception>
    public virtual async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri address = UpstreamUrls.Resolve(BaseUrl, request.RequestUri);
        UpstreamCredentials credentials = _context.Credentials;
        if (credentials.Kind == UpstreamAuthenticationKind.ApiKey && _context.Authentication.ApiKeyLocation == UpstreamApiKeyLocation.Query)
        {
            address = UpstreamUrls.WithQueryParameter(address, _context.Authentication.ApiKeyName, _context.Authentication.ApiKeyPrefix + credentials.Secret);
        }

        request.RequestUri = address;
        request.Options.Set(UpstreamRequestKeys.Client, _context);
        string method = request.Method.Method;
        long started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await HttpTransport.SendAsync(_http, request, FromTransportFailure, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamApiException exception)
        {
            // Mapped from a transport failure, or from the authentication handler (the token endpoint failed).
            LogFailure(method, started, exception);
            throw;
        }

        int status = (int)response.StatusCode;
        if (!HttpTransport.IsTransientStatus(status))
        {
            if (InstanceId is not null)
            {
                _tracker?.Reachable(_context.Key, InstanceId);
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                Log.UpstreamCallAnswered(_logger, ApiName, method, status, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        else
        {
            Log.UpstreamCallFailed(_logger, ApiName, method, (long)_time.GetElapsedTime(started).TotalMilliseconds, status, UpstreamErrorCodes.HttpError, isTransient: true);
        }

        return response;
    }

    /// <summary>Sends a GET request (see <see cref="SendAsync"/>).</summary>
    /// <param name="relativeUrl">The address relative to <see cref="BaseUrl"/>, with its query; escape values with <see cref="Uri.EscapeDataString(string)"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The API's answer, whatever its status; dispose it.</returns>
    /// <exception cref="UpstreamApiException">No answer came, or the credentials were missing or refused.</exception>
    public virtual async Task<HttpResponseMessage> GetAsync(string relativeUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relativeUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativeUrl, UriKind.RelativeOrAbsolute));
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a GET request and reads a 2xx answer as JSON (source-generated type information, so it trims).</summary>
    /// <typeparam name="T">The type of the answer.</typeparam>
    /// <param name="relativeUrl">The address relative to <see cref="BaseUrl"/>, with its query.</param>
    /// <param name="typeInfo">The JSON type information, for example <c>MyJsonContext.Default.Weather</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="UpstreamApiException">
    /// No answer came; the API answered an error status (<see cref="UpstreamErrorCodes.HttpError"/> with
    /// <see cref="UpstreamApiException.Status"/>); or the body was not the expected JSON (<see cref="UpstreamErrorCodes.InvalidResponse"/>).
    /// </exception>
    public virtual async Task<T> GetFromJsonAsync<T>(string relativeUrl, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        using HttpResponseMessage response = await GetAsync(relativeUrl, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw new UpstreamApiException(
                ApiName, status, UpstreamErrorCodes.HttpError, HttpTransport.IsTransientStatus(status),
                HttpTransport.RetryAfterDelay(response, _time));
        }

        try
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new UpstreamApiException(ApiName, status, UpstreamErrorCodes.InvalidResponse, isTransient: false);
        }
        catch (JsonException exception)
        {
            throw new UpstreamApiException(ApiName, status, UpstreamErrorCodes.InvalidResponse, isTransient: false, innerException: exception);
        }
    }

    /// <summary>Names the API and the tenant, never the credentials.</summary>
    /// <returns>For example <c>UpstreamApiClient(weather, installation inst-1, instance i-1)</c>.</returns>
    public override string ToString() =>
        InstanceId is null ? $"UpstreamApiClient({ApiName}, installation {InstallationId})" : $"UpstreamApiClient({ApiName}, installation {InstallationId}, instance {InstanceId})";

    private UpstreamApiException FromTransportFailure(HttpTransportFailure failure) => failure.Kind switch
    {
        HttpTransportFailureKind.CircuitOpen => new UpstreamApiException(ApiName, 0, UpstreamErrorCodes.CircuitOpen, isTransient: true, innerException: failure.Cause),
        HttpTransportFailureKind.RateLimited => new UpstreamApiException(ApiName, 0, UpstreamErrorCodes.RateLimited, isTransient: true, failure.RetryAfter, failure.Cause),
        HttpTransportFailureKind.ConnectionFailed when failure.RequestError == HttpRequestError.ConfigurationLimitExceeded =>
            new UpstreamApiException(ApiName, 0, UpstreamErrorCodes.InvalidResponse, isTransient: false, innerException: failure.Cause),
        HttpTransportFailureKind.ConnectionFailed => new UpstreamApiException(ApiName, 0, UpstreamErrorCodes.ConnectionFailed, isTransient: true, innerException: failure.Cause),
        _ => new UpstreamApiException(ApiName, 0, UpstreamErrorCodes.Timeout, isTransient: true, innerException: failure.Cause),
    };

    private void LogFailure(string method, long started, UpstreamApiException exception) =>
        Log.UpstreamCallFailed(_logger, ApiName, method, (long)_time.GetElapsedTime(started).TotalMilliseconds, exception.Status, exception.ErrorCode, exception.IsTransient);
}
