using System.Reflection;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Sqlite;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// A connector application as an author would build it (<c>AddConnctdConnector</c> + <c>MapConnctdConnector</c>), not
/// started: benchmarks call the endpoints' request delegates directly, so Kestrel and sockets are out of the figure.
/// Logging has no providers (as with a log level of Warning and no refusals). One instance with one thing is stored.
/// </summary>
public sealed class ConnectorHarness : IAsyncDisposable
{
    public const string InstanceId = "instance-1";
    public const string ThingId = "thing-000001";

    private readonly string _directory;

    private ConnectorHarness(string directory, WebApplication app, RequestSigner signer)
    {
        _directory = directory;
        App = app;
        Signer = signer;
    }

    public WebApplication App { get; }

    public RequestSigner Signer { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Builds the application; <paramref name="inMemoryStore"/> replaces SQLite by <see cref="MemoryActionPathStore"/>.</summary>
    public static async Task<ConnectorHarness> CreateAsync(bool inMemoryStore)
    {
        string directory = Path.Combine(Path.GetTempPath(), "connctd-bench", "harness-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var signer = RequestSigner.FromPrivateKeySeedBase64(Samples.PrivateKeySeedBase64);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = directory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Samples.SignedAt));
        ConnctdConnectorBuilder connector = builder.Services.AddConnctdConnector<BenchConnector>(options =>
        {
            options.PublicKey = signer.PublicKey.ToBase64();
            options.PlatformUrl = new Uri("http://127.0.0.1:9/api/v1/");
        });
        if (inMemoryStore)
        {
            builder.Services.AddSingleton(new MemoryActionPathStore());
            connector.UseStore<MemoryActionPathStore>();
        }
        else
        {
            connector.UseSqlite(sqlite => sqlite.DatabasePath = Path.Combine(directory, "connector.db"));
        }

        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        var harness = new ConnectorHarness(directory, app, signer);
        await harness.SeedAsync(inMemoryStore);
        return harness;
    }

    /// <summary>The request delegate of a callback endpoint, as routing would call it.</summary>
    public RequestDelegate Endpoint(string kind)
    {
        string displayName = $"connctd {kind} callback";
        return ((IEndpointRouteBuilder)App).DataSources
            .SelectMany(source => source.Endpoints)
            .FirstOrDefault(endpoint => endpoint.DisplayName == displayName)?.RequestDelegate
            ?? throw new InvalidOperationException($"No endpoint named '{displayName}': did MapConnctdConnector change?");
    }

    /// <summary>
    /// The exact signature check the endpoints run (the internal <c>CallbackVerifier.Verify(HttpContext, ReadOnlyMemory&lt;byte&gt;)</c>),
    /// bound once by reflection to a delegate, so calling it costs what a direct call costs.
    /// </summary>
    public Func<HttpContext, ReadOnlyMemory<byte>, SignatureVerificationResult> CallbackVerifier()
    {
        const string TypeName = "Connctd.Connector.Sdk.AspNetCore.Verification.CallbackVerifier";
        Type type = typeof(ConnctdConnectorOptions).Assembly.GetType(TypeName, throwOnError: false)
            ?? throw new InvalidOperationException($"{TypeName} is not in the hosting assembly any more; update ConnectorHarness.CallbackVerifier.");
        object verifier = Services.GetRequiredService(type);
        MethodInfo verify = type.GetMethod("Verify", [typeof(HttpContext), typeof(ReadOnlyMemory<byte>)])
            ?? throw new InvalidOperationException($"{TypeName}.Verify(HttpContext, ReadOnlyMemory<byte>) is gone; update ConnectorHarness.CallbackVerifier.");
        return verify.CreateDelegate<Func<HttpContext, ReadOnlyMemory<byte>, SignatureVerificationResult>>(verifier);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Signer.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task SeedAsync(bool inMemoryStore)
    {
        DateTimeOffset now = Samples.SignedAt;
        var instance = new InstanceRecord(InstanceId, "installation-1", "not-a-real-protected-token", [], LifecycleState.Complete, ThingCreationStatus.Completed, now, now);
        if (inMemoryStore)
        {
            Services.GetRequiredService<MemoryActionPathStore>().Add(instance, new ThingMapping(InstanceId, "lamp-1", ThingId, ThingMappingState.Created, now));
            return;
        }

        SqliteConnectorStore store = Services.GetRequiredService<SqliteConnectorStore>();
        await store.InitializeAsync(CancellationToken.None);
        await store.SaveInstallationAsync(new InstallationRecord("installation-1", "not-a-real-protected-token", [], LifecycleState.Complete, now, now), CancellationToken.None);
        await store.SaveInstanceAsync(instance, CancellationToken.None);
        await store.ClaimThingCreationAsync(InstanceId, "lamp-1", now, CancellationToken.None);
        await store.CompleteThingCreationAsync(InstanceId, "lamp-1", ThingId, now, CancellationToken.None);
    }
}
