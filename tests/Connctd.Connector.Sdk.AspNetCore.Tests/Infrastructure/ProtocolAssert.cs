using System.Net;
using System.Text.Json;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>Assertions on protocol answers: status codes and error codes, never prose.</summary>
public static class ProtocolAssert
{
    /// <summary>Asserts an error answer in the protocol's format and returns its body.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {errorCode}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonElement body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(errorCode, body.GetProperty("error").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("description").GetString()));
        return body;
    }

    /// <summary>Asserts an error answer read from a raw socket.</summary>
    public static void Error(RawResponse response, int status, string errorCode)
    {
        Assert.True(status == response.Status, $"Expected {status} {errorCode}, got {response.Status}: {response.Body}");
        Assert.Equal(errorCode, response.ErrorCode);
    }

    /// <summary>Asserts a status without an error body (201, 204) or with a success body (202).</summary>
    public static async Task StatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
