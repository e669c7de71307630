using System.Net;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Connctd.Connector.Sdk.Http;

/// <summary>
/// What every HTTP client of the SDK (the platform client, the upstream API client, the management client) does the
/// same way: send a request and turn "no answer" into one <see cref="HttpTransportFailure"/>, read <c>Retry-After</c>
/// and <c>X-Request-Id</c>, and tell a transient status from a final one. Compiled into each package that sends.
/// </summary>
internal static class HttpTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> and reads the whole answer. The caller's cancellation stays an
    /// <see cref="OperationCanceledException"/>; every other way of getting no answer (timeouts, an open circuit, a full
    /// rate-limit queue, connection failures) is handed to <paramref name="fail"/>, whose exception is thrown.
    /// Exceptions of the client's own handlers pass through unchanged.
    /// </summary>
    /// <param name="httpClient">The client to send with.</param>
    /// <param name="request">The request.</param>
    /// <param name="fail">Turns the failure into the client's own exception (and may log it).</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <returns>The answer, whatever its status.</returns>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient httpClient, HttpRequestMessage request, Func<HttpTransportFailure, Exception> fail, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException exception)
        {
            throw fail(new HttpTransportFailure(HttpTransportFailureKind.Timeout, exception));
        }
        catch (BrokenCircuitException exception)
        {
            throw fail(new HttpTransportFailure(HttpTransportFailureKind.CircuitOpen, exception));
        }
        catch (RateLimiterRejectedException exception)
        {
            throw fail(new HttpTransportFailure(HttpTransportFailureKind.RateLimited, exception, exception.RetryAfter));
        }
        catch (HttpRequestException exception)
        {
            throw fail(new HttpTransportFailure(HttpTransportFailureKind.ConnectionFailed, exception));
        }
        catch (OperationCanceledException exception)
        {
            // Not the caller's token: HttpClient.Timeout or a cancelled attempt.
            throw fail(new HttpTransportFailure(HttpTransportFailureKind.Timeout, exception));
        }
    }

    /// <summary>Whether an HTTP status says the server is overloaded or failing: 408, 429 or 5xx.</summary>
    /// <param name="status">The status code.</param>
    /// <returns><see langword="true"/> when a later attempt may succeed.</returns>
    public static bool IsTransientStatus(int status) =>
        status == (int)HttpStatusCode.RequestTimeout || status == (int)HttpStatusCode.TooManyRequests || status >= 500;

    /// <summary>The delay a response asks for in its <c>Retry-After</c> header (seconds or an HTTP date), or <see langword="null"/>.</summary>
    /// <param name="response">The answer; none when <see langword="null"/>.</param>
    /// <param name="time">The clock an HTTP date is measured against.</param>
    /// <returns>The delay, never negative; <see langword="null"/> without the header.</returns>
    public static TimeSpan? RetryAfterDelay(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The first <c>X-Request-Id</c> header of the answer, unchecked (clean it with <see cref="SecretText.Clean"/>).</summary>
    /// <param name="response">The answer.</param>
    /// <returns>The header's value, or <see langword="null"/>.</returns>
    public static string? RequestIdHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
