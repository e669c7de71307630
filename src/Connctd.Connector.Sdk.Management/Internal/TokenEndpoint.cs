using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Sends a token request (login or client credentials) and reads the answer.</summary>
internal static class TokenEndpoint
{
    private static readonly MediaTypeWithQualityHeaderValue JsonAccept = new("application/json");

    /// <summary>Field names a token may come in: OAuth2's, and the usual ones of login endpoints.</summary>
    private static readonly string[] TokenFields = ["access_token", "token", "accessToken", "jwt"];

    private static readonly string[] ExpiresFields = ["expires_in", "expiresIn"];

    public static async Task<ManagementToken> RequestAsync(
        HttpClient httpClient,
        HttpRequestMessage request,
        string operation,
        TimeProvider time,
        ILogger logger,
        string?[] secrets,
        CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(JsonAccept);
        long started = time.GetTimestamp();
        using HttpResponseMessage response = await ManagementTransport.SendAsync(httpClient, request, operation, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        long elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;

        JsonElement root = default;
        bool isJson = false;
        if (body.Length > 0)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                root = document.RootElement.Clone();
                isJson = true;
            }
            catch (JsonException)
            {
                // Not JSON: handled below.
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            string? errorCode = isJson ? String(root, "error") : null;
            string? description = isJson ? String(root, "error_description") ?? String(root, "description") ?? String(root, "message") : null;
            string? requestId = SecretText.Clean((isJson ? String(root, "requestId") : null) ?? HttpTransport.RequestIdHeader(response), secrets);
            errorCode = SecretText.Clean(errorCode, secrets);
            description = SecretText.Clean(description, secrets);
            Log.TokenRequestFailed(logger, operation, status, errorCode, elapsed);
            if (status is 400 or 401 or 403)
            {
                throw new ManagementAuthenticationException(operation, status, errorCode ?? ManagementErrorCodes.AuthenticationFailed, description, requestId);
            }

            throw new ManagementException(operation, status, errorCode ?? ManagementErrorCodes.HttpError, description, requestId, HttpTransport.IsTransientStatus(status));
        }

        string? token = null;
        TimeSpan? expiresIn = null;
        if (isJson && root.ValueKind == JsonValueKind.Object)
        {
            token = TokenFields.Select(field => String(root, field)).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
            expiresIn = ExpiresFields.Select(field => Seconds(root, field)).FirstOrDefault(value => value is not null);
            if (String(root, "token_type") is { } tokenType && !tokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase))
            {
                Log.TokenRequestFailed(logger, operation, status, ManagementErrorCodes.InvalidResponse, elapsed);
                throw new ManagementException(
                    operation, status, ManagementErrorCodes.InvalidResponse, "The token endpoint answered a token that is not a bearer token.", requestId: null, isTransient: false);
            }
        }
        else if (isJson && root.ValueKind == JsonValueKind.String)
        {
            token = root.GetString();
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            Log.TokenRequestFailed(logger, operation, status, ManagementErrorCodes.InvalidResponse, elapsed);
            throw new ManagementException(
                operation, status, ManagementErrorCodes.InvalidResponse, "The answer carried no token.", HttpTransport.RequestIdHeader(response), isTransient: false);
        }

        Log.TokenRequestSucceeded(logger, operation, status, elapsed);
        return new ManagementToken(token, expiresIn is { } lifetime ? time.GetUtcNow() + lifetime : null);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static TimeSpan? Seconds(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        double? seconds = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out double number) => number,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => null,
        };

        if (seconds is not { } lifetime)
        {
            return null;
        }

        return double.IsFinite(lifetime) && lifetime > 0 && lifetime < TimeSpan.FromDays(3650).TotalSeconds ? TimeSpan.FromSeconds(lifetime) : null;
    }
}
