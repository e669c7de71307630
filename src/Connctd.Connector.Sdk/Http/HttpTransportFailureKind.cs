namespace Connctd.Connector.Sdk.Http;

/// <summary>Why a request got no answer (see <see cref="HttpTransport.SendAsync"/>).</summary>
internal enum HttpTransportFailureKind
{
    /// <summary>An attempt or the whole call took too long (the pipeline's timeouts, or <see cref="HttpClient.Timeout"/>).</summary>
    Timeout,

    /// <summary>The circuit breaker is open; nothing was sent.</summary>
    CircuitOpen,

    /// <summary>The client-side rate limiter's queue is full; nothing was sent.</summary>
    RateLimited,

    /// <summary>The connection failed (name resolution, connect, TLS, a dropped connection, an answer too large).</summary>
    ConnectionFailed,
}
