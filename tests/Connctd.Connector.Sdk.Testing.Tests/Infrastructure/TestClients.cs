using Connctd.Connector.Sdk.Client;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.Testing.Tests.Infrastructure;

/// <summary>Plain clients of the fake platform API: the SDK's PlatformClient without retries, and raw HTTP.</summary>
public static class TestClients
{
    public static PlatformClient PlatformClient(FakeConnctdPlatform platform, HttpClient http) =>
        new(http, Options.Create(new PlatformClientOptions { BaseUrl = platform.PlatformUrl }));

    public static HttpClient Http(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseProxy = false }) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
}
