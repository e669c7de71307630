using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>Sends callbacks signed exactly as the platform signs them: https + Host as sent + raw target + Date + body.</summary>
public sealed class CallbackSender(Uri baseAddress, RequestSigner signer) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Host => $"{baseAddress.Host}:{baseAddress.Port}";

    public Task<HttpResponseMessage> InstallAsync(string id, string token = "installation-token-secret", string configuration = "[]", DateTimeOffset? date = null) =>
        PostAsync("/connctd/installations", $$"""{"id":"{{id}}","token":"{{token}}","state":1,"configuration":{{configuration}}}""", date: date);

    public Task<HttpResponseMessage> InstantiateAsync(
        string id, string installationId, string token = "instance-token-secret", string configuration = "[]", DateTimeOffset? date = null) =>
        PostAsync("/connctd/instances", $$"""{"id":"{{id}}","installation_id":"{{installationId}}","token":"{{token}}","state":1,"configuration":{{configuration}}}""", date: date);

    public Task<HttpResponseMessage> ActAsync(string id, string thingId, string componentId = "lamp", string actionId = "setOn", string parameters = """{"on":"true"}""") =>
        PostAsync("/connctd/actions", $$"""{"id":"{{id}}","thingId":"{{thingId}}","componentId":"{{componentId}}","actionId":"{{actionId}}","status":"PENDING","parameters":{{parameters}}}""");

    public Task<HttpResponseMessage> UninstallAsync(string id, DateTimeOffset? date = null) => SendAsync(HttpMethod.Delete, $"/connctd/installations/{id}", null, date: date);

    public Task<HttpResponseMessage> RemoveInstanceAsync(string id, DateTimeOffset? date = null) => SendAsync(HttpMethod.Delete, $"/connctd/instances/{id}", null, date: date);

    public Task<HttpResponseMessage> PostAsync(string target, string body, string contentType = "application/json", DateTimeOffset? date = null) =>
        SendAsync(HttpMethod.Post, target, Encoding.UTF8.GetBytes(body), contentType, date);

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
        string? signedHost = null,
        string signedScheme = "https")
    {
        string dateText = HttpDate.Format(date ?? DateTimeOffset.UtcNow);
        string signature = (signWith ?? signer).Sign(
            signedMethod ?? method.Method, signedScheme, signedHost ?? Host, signedTarget ?? target, dateText, signedBody ?? body ?? []);
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

    /// <summary>
    /// Signs <paramref name="target"/> exactly as given and writes the request line itself over a plain socket, so
    /// no client library can normalise or re-encode the request target.
    /// </summary>
    public async Task<RawResponse> SendRawAsync(string method, string target, byte[]? body = null, string? signedTarget = null)
    {
        string dateText = HttpDate.Format(DateTimeOffset.UtcNow);
        string signature = signer.Sign(method, "https", Host, signedTarget ?? target, dateText, body ?? []);
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(Host).Append("\r\n")
            .Append("Date: ").Append(dateText).Append("\r\n")
            .Append("Signature: ").Append(signature).Append("\r\n")
            .Append("Connection: close\r\n");
        if (body is not null)
        {
            head.Append("Content-Type: application/json\r\n").Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await stream.CopyToAsync(received, timeout.Token);
        string response = Encoding.UTF8.GetString(received.ToArray());
        int headEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string statusLine = response[..response.IndexOf("\r\n", StringComparison.Ordinal)];
        int status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new RawResponse(status, headEnd < 0 ? "" : response[(headEnd + 4)..]);
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

/// <summary>A response read from a raw socket.</summary>
public sealed record RawResponse(int Status, string Body)
{
    public string? ErrorCode => Body.Length == 0 ? null : JsonDocument.Parse(Body).RootElement.GetProperty("error").GetString();
}
