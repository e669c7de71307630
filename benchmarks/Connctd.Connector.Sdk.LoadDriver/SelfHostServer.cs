using System.Globalization;
using System.Runtime;
using Connctd.Connector.Sdk.Benchmarks.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// The <c>serve</c> mode (the child process of <c>--self-host</c>): a connector built as an author would build it
/// (<c>AddConnctdConnector</c>, <c>MapConnctdConnector</c>) around <see cref="BenchConnector"/>, on 127.0.0.1, calling
/// the platform stub the driver runs (<c>--platform-url</c>; without it, a stub of its own on 127.0.0.1). The store is the embedded SQLite file (<c>sqlite</c>), PostgreSQL
/// (<c>postgresql</c>, schema <c>connctd_bench_load</c> of the database in <c>CONNCTD_BENCH_POSTGRES</c>, emptied first),
/// or <c>memory</c>: SQLite with the action path in memory (<see cref="MemoryActionPathStore"/>, not durable), which
/// shows what the SDK and Kestrel cost without the database. With <c>--app lamp</c> it hosts the Lamp sample instead
/// (<c>LampConnectorApp.Create</c>, its default SQLite store and outbox, the stub as its platform). The
/// <see cref="HostSettings"/> of the spec are applied to either host. Logging goes to the console at Warning
/// (Information would print a line per callback and measure the console). Also serves
/// <c>GET /bench/stats</c> (allocated bytes, GC counts, methods the JIT compiled) for the driver, and <c>POST /bench/noop</c>, which only reads
/// the body and answers 204: the Kestrel baseline. Runs until its standard input closes.
/// </summary>
internal static class SelfHostServer
{
    public static async Task<int> RunAsync(string publicKey, ServerSpec spec)
    {
        string store = spec.Store;
        string? postgres = Environment.GetEnvironmentVariable("CONNCTD_BENCH_POSTGRES");
        if (store == "postgresql" && spec.App == ServerSpec.BenchApp)
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                Console.Error.WriteLine("--store postgresql needs a connection string in CONNCTD_BENCH_POSTGRES.");
                return 2;
            }

            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP SCHEMA IF EXISTS connctd_bench_load CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        string directory = Path.Combine(Path.GetTempPath(), "connctd-bench", "load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // The driver runs the platform stub in its own process (on its own CPU), as the platform is a service of its own:
        // the stub's half of each platform call is not the connector's cost. Run by hand, the server starts one itself.
        await using PlatformStub? ownPlatform = spec.PlatformUrl is null ? await PlatformStub.StartAsync() : null;
        Uri platformUrl = spec.PlatformUrl ?? ownPlatform!.BaseUrl;

        WebApplication app = spec.App == ServerSpec.LampApp
            ? BuildLamp(publicKey, platformUrl, directory, spec.Settings)
            : BuildBench(publicKey, platformUrl, directory, store, postgres, spec.Settings, spec.Things);
        app.MapGet("/bench/stats", () => string.Create(
            CultureInfo.InvariantCulture,
            $"{GC.GetTotalAllocatedBytes(precise: false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {JitInfo.GetCompiledMethodCount(currentThread: false)}"));
        app.MapPost("/bench/noop", async context =>
        {
            // The baseline: the same requests, answered 204 by Kestrel and routing without the SDK.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"PLATFORM {platformUrl}");
        Console.WriteLine($"LISTENING {address.TrimEnd('/')}/connctd/");
        Console.Out.Flush();

        // The driver closes our standard input when it is done (or dies).
        await Task.Run(() => Console.In.ReadToEnd());
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static WebApplication BuildBench(string publicKey, Uri platformUrl, string directory, string store, string? postgres, IReadOnlyList<string> settings, int things)
    {
        BenchConnector.ThingsPerInstance = things;

        // The database lies outside the content root, as event 3025 asks of a production host: the host watches its
        // content root for configuration changes, and a database inside it wakes that watcher with every commit.
        string contentRoot = Directory.CreateDirectory(Path.Combine(directory, "content")).FullName;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        QuietLogging(builder);
        HostSettings.Apply(builder, settings);
        ConnctdConnectorBuilder connector = builder.Services.AddConnctdConnector<BenchConnector>(options =>
        {
            options.PublicKey = publicKey;
            options.PlatformUrl = platformUrl;
        });
        if (store == "postgresql")
        {
            connector.UsePostgreSql(postgres!, options => options.Schema = "connctd_bench_load");
        }
        else
        {
            connector.UseSqlite(sqlite => sqlite.DatabasePath = Path.Combine(directory, "connector.db"));
        }

        if (store == "memory")
        {
            builder.Services.AddSingleton(provider => new MemoryActionPathStore(provider.GetRequiredService<SqliteConnectorStore>()));
            connector.UseStore<MemoryActionPathStore>();
        }

        WebApplication app = builder.Build();
        app.MapConnctdConnector("/connctd");
        return app;
    }

    // The Lamp sample as its own LampConnectorApp builds it (its default SQLite store and outbox), configured through
    // the command line as an operator would; only the logging is turned down (the sample logs a line per action).
    private static WebApplication BuildLamp(string publicKey, Uri platformUrl, string directory, IReadOnlyList<string> settings) =>
        LampConnector.LampConnectorApp.Create(
            [
                "--urls", "http://127.0.0.1:0",
                "--environment", "Production",
                $"--Connctd:PublicKey={publicKey}",
                $"--Connctd:PlatformUrl={platformUrl}",
                $"--Connctd:Sqlite:DatabasePath={Path.Combine(directory, "lamp.db")}",
            ],
            builder =>
            {
                QuietLogging(builder);
                HostSettings.Apply(builder, settings);
            });

    // Console logging at Warning: at Information every callback would print a line and the console would be measured.
    private static void QuietLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<LoggerFilterOptions>(filters =>
        {
            // Drops the per-category rules a host added before (the Lamp sample logs its platform client at Debug).
            filters.Rules.Clear();
            filters.MinLevel = LogLevel.Warning;
        });
    }
}

/// <summary>Figures read from <c>GET /bench/stats</c>.</summary>
internal readonly record struct ServerStats(long AllocatedBytes, int Gen0, int Gen1, int Gen2, long MethodsCompiled)
{
    public static async Task<ServerStats?> ReadAsync(HttpClient http, Uri connectorBase)
    {
        try
        {
            string text = await http.GetStringAsync(new Uri(connectorBase, "/bench/stats"));
            string[] parts = text.Split(' ');
            return new ServerStats(
                long.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture),
                int.Parse(parts[3], CultureInfo.InvariantCulture),
                long.Parse(parts[4], CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
