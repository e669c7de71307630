using System.Net.Http.Headers;
using System.Text;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Benchmarks.Common;

/// <summary>
/// Sends callbacks signed the way the platform signs them: the signed URL is <c>https://</c> + the Host header as
/// sent + the raw request target; Date is the current time; the signature covers the exact body bytes.
/// </summary>
public sealed class CallbackClient(HttpClient http, Uri connectorBase, RequestSigner signer, string signedScheme = "https")
{
    public Uri ConnectorBase => connectorBase;

    public Task<HttpResponseMessage> InstallAsync(string id, CancellationToken cancellationToken) =>
        PostAsync("installations", $$"""{"id":"{{id}}","token":"bench-installation-token","state":1,"configuration":[]}""", cancellationToken);

    public Task<HttpResponseMessage> InstantiateAsync(string id, string installationId, CancellationToken cancellationToken) =>
        InstantiateAsync(id, installationId, "[]", cancellationToken);

    /// <summary>An instantiation with <paramref name="configurationJson"/> as its configuration array, e.g. <c>[{"id":"lamps","value":"100"}]</c>.</summary>
    public Task<HttpResponseMessage> InstantiateAsync(string id, string installationId, string configurationJson, CancellationToken cancellationToken) =>
        PostAsync("instances", $$"""{"id":"{{id}}","installation_id":"{{installationId}}","token":"bench-instance-token","state":1,"configuration":{{configurationJson}}}""", cancellationToken);

    public Task<HttpResponseMessage> ActAsync(string id, string thingId, CancellationToken cancellationToken) =>
        PostAsync("actions", ActionBody(id, thingId), cancellationToken);

    public static string ActionBody(string id, string thingId) =>
        $$$"""{"id":"{{{id}}}","thingId":"{{{thingId}}}","componentId":"lamp","actionId":"setOn","status":"PENDING","parameters":{"on":"true"}}""";

    /// <summary>Signs and sends a POST of <paramref name="body"/> to <paramref name="relativePath"/> under the connector base URL.</summary>
    public async Task<HttpResponseMessage> PostAsync(string relativePath, string body, CancellationToken cancellationToken)
    {
        var uri = new Uri(connectorBase, relativePath);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        string date = HttpDate.Format(DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("Signature", signer.Sign("POST", signedScheme, uri.Authority, uri.PathAndQuery, date, bytes));
        return await http.SendAsync(request, cancellationToken);
    }
}
