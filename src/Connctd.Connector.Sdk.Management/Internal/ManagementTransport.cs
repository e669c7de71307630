using Connctd.Connector.Sdk.Http;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Sends management and token requests through the SDK's shared transport, with management's failure codes.</summary>
internal static class ManagementTransport
{
    /// <summary>Sends a request; timeouts and connection failures become <see cref="ManagementException"/>, the caller's cancellation stays an <see cref="OperationCanceledException"/>.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient httpClient, HttpRequestMessage request, string operation, CancellationToken cancellationToken) =>
        HttpTransport.SendAsync(httpClient, request, failure => Failed(operation, failure), cancellationToken);

    private static ManagementException Failed(string operation, HttpTransportFailure failure) => failure.Kind == HttpTransportFailureKind.Timeout
        ? new ManagementException(operation, 0, ManagementErrorCodes.Timeout, "The server did not answer in time.", requestId: null, isTransient: true, failure.Cause)
        : new ManagementException(operation, 0, ManagementErrorCodes.ConnectionFailed, "The connection to the server failed.", requestId: null, isTransient: true, failure.Cause);
}
