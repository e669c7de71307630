namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Turns transport failures of <see cref="HttpClient"/> into <see cref="ManagementException"/>.</summary>
internal static class HttpFailures
{
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    public static ManagementException Timeout(string operation, Exception exception) =>
        new(operation, 0, ManagementErrorCodes.Timeout, "The server did not answer in time.", requestId: null, isTransient: true, exception);

    public static ManagementException ConnectionFailed(string operation, Exception exception) =>
        new(operation, 0, ManagementErrorCodes.ConnectionFailed, "The connection to the server failed.", requestId: null, isTransient: true, exception);

    public static string? RequestIdHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    /// <summary>Sends a request, mapping timeouts and connection failures; the caller's cancellation stays an <see cref="OperationCanceledException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient httpClient, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            throw Timeout(operation, exception);
        }
        catch (HttpRequestException exception)
        {
            throw ConnectionFailed(operation, exception);
        }
    }
}
