using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>Sends callbacks signed exactly as the platform signs them: https + Host as sent + raw target + Date + body.</summary>
public sealed class CallbackSender(Uri baseAddress, RequestSigner signer) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Host => $"{baseAddress.Host}:{baseAddress.Port}";

    public Task<HttpResponseMessage> InstallAsync(string id, string token = "installation-token-secret", string configuration = "[]") =>
        PostAsync("/connctd/installations", $$"""{"id":"{{id}}","token":"{{token}}","state":1,"configuration":{{configuration}}}""");

    public Task<HttpResponseMessage> InstantiateAsync(string id, string installationId, string token = "instance-token-secret", string configuration = "[]") =>
        PostAsync("/connctd/instances", $$"""{"id":"{{id}}","installation_id":"{{installationId}}","token":"{{token}}","state":1,"configuration":{{configuration}}}""");

    public Task<HttpResponseMessage> ActAsync(string id, string thingId, string componentId = "lamp", string actionId = "setOn", string parameters = """{"on":"true"}""") =>
        PostAsync("/connctd/actions", $$"""{"id":"{{id}}","thingId":"{{thingId}}","componentId":"{{componentId}}","actionId":"{{actionId}}","status":"PENDING","parameters":{{parameters}}}""");

    public Task<HttpResponseMessage> UninstallAsync(string id) => SendAsync(HttpMethod.Delete, $"/connctd/installations/{id}", null);

    public Task<HttpResponseMessage> RemoveInstanceAsync(string id) => SendAsync(HttpMethod.Delete, $"/connctd/instances/{id}", null);

    public Task<HttpResponseMessage> PostAsync(string target, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Signs and sends; <paramref name="tamper"/> may change the request after signing.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string target,
        byte[]? body,
        string? contentType = "application/json",
        DateTimeOffset? date = null,
        RequestSigner? signWith = null,
        Action<HttpRequestMessage>? tamper = null,
        string? signedMethod = null,
        string? signedTarget = null,
        byte[]? signedBody = null,
        string? signedHost = null)
    {
        string dateText = HttpDate.Format(date ?? DateTimeOffset.UtcNow);
        string signature = (signWith ?? signer).Sign(
            signedMethod ?? method.Method, "https", signedHost ?? Host, signedTarget ?? target, dateText, signedBody ?? body ?? []);
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, target));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        request.Headers.TryAddWithoutValidation("Date", dateText);
        request.Headers.TryAddWithoutValidation("Signature", signature);
        tamper?.Invoke(request);
        return await _http.SendAsync(request);
    }

    /// <summary>Sends without any signature or date.</summary>
    public async Task<HttpResponseMessage> SendUnsignedAsync(HttpMethod method, string target, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, target));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
    }

    public void Dispose() => _http.Dispose();
}
