using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Benchmarks.Common;

/// <summary>
/// The platform API as a minimal Kestrel app on 127.0.0.1: creates things (201 with ids <c>bench-thing-1</c>, …) and
/// answers every other call 204, after <see cref="Delay"/> when set (a slow platform). Counts property updates.
/// </summary>
public sealed class PlatformStub : IAsyncDisposable
{
    private const string ThingsPath = "/api/v1/connectorhub/callback/instances/things";
    private readonly WebApplication _app;
    private int _things;
    private long _propertyUpdates;
    private long _otherCalls;

    private PlatformStub(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API base URL to configure as the connector's PlatformUrl.</summary>
    public Uri BaseUrl { get; }

    /// <summary>How long each call other than thing creation waits before its answer.</summary>
    public TimeSpan Delay { get; set; }

    public long PropertyUpdates => Interlocked.Read(ref _propertyUpdates);

    public long OtherCalls => Interlocked.Read(ref _otherCalls);

    public static async Task<PlatformStub> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        PlatformStub? stub = null;
        app.MapPost(ThingsPath, () =>
        {
            int id = Interlocked.Increment(ref stub!._things);
            return Results.Json(new Dictionary<string, string> { ["id"] = string.Create(CultureInfo.InvariantCulture, $"bench-thing-{id}") }, statusCode: StatusCodes.Status201Created);
        });
        app.MapFallback(async context =>
        {
            // Drain the body as a real server would.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            if (context.Request.Path.Value?.Contains("/properties/", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref stub!._propertyUpdates);
            }
            else
            {
                Interlocked.Increment(ref stub!._otherCalls);
            }

            if (stub.Delay > TimeSpan.Zero)
            {
                await Task.Delay(stub.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub = new PlatformStub(app, new Uri(address.TrimEnd('/') + "/api/v1/"));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
