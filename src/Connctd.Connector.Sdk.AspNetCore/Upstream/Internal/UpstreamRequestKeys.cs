namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>What one upstream client puts on its requests for the pipeline selector and the authentication handler.</summary>
internal static class UpstreamRequestKeys
{
    /// <summary>The client that sends the request: API, partition, credentials.</summary>
    public static readonly HttpRequestOptionsKey<UpstreamClientContext> Client = new("Connctd.Upstream.Client");

    public static string PartitionOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Client, out UpstreamClientContext? context) ? context.Key.Partition : "";

    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options ||
        method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;
}

/// <summary>One client's fixed facts, shared by every request it sends.</summary>
internal sealed record UpstreamClientContext(
    UpstreamCircuitKey Key,
    UpstreamCredentials Credentials,
    UpstreamAuthenticationOptions Authentication);
