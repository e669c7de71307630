namespace Connctd.Connector.Sdk.Http;

/// <summary>A request that got no answer: why, the exception that said so, and what is known about it.</summary>
/// <param name="Kind">Why no answer came.</param>
/// <param name="Cause">The exception <see cref="HttpClient"/> or the resilience pipeline threw.</param>
/// <param name="RetryAfter">How long the rate limiter asks to wait, when it said.</param>
internal readonly record struct HttpTransportFailure(HttpTransportFailureKind Kind, Exception Cause, TimeSpan? RetryAfter = null)
{
    /// <summary>The detail of a connection failure, or <see langword="null"/> for the other kinds.</summary>
    public HttpRequestError? RequestError => Cause is HttpRequestException exception ? exception.HttpRequestError : null;

    /// <summary>
    /// Whether the request certainly never reached the server: the circuit or the rate limiter refused it, or the
    /// connection failed before anything was written (name resolution, connect, TLS, proxy tunnel).
    /// </summary>
    public bool NeverLeft => Kind is HttpTransportFailureKind.CircuitOpen or HttpTransportFailureKind.RateLimited ||
        RequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
