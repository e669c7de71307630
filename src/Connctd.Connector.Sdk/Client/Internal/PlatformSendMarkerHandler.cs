namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>
/// The innermost handler of the platform client: marks a request as handed to the transport, so a failure
/// before any attempt left (a timeout while waiting for the rate limiter) is not reported as an unknown outcome.
/// </summary>
internal sealed class PlatformSendMarkerHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(PlatformRequestOptions.Sent, true);
        return base.SendAsync(request, cancellationToken);
    }
}
