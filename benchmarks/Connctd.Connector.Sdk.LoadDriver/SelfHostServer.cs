using System.Globalization;
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
/// (<c>AddConnctdConnector</c>, <c>MapConnctdConnector</c>) around <see cref="BenchConnector"/>, on 127.0.0.1, and a
/// platform stub on 127.0.0.1 for thing creation. The store is the embedded SQLite file (<c>sqlite</c>), PostgreSQL
/// (<c>postgresql</c>, schema <c>connctd_bench_load</c> of the database in <c>CONNCTD_BENCH_POSTGRES</c>, emptied first),
/// or <c>memory</c>: SQLite with the action path in memory (<see cref="MemoryActionPathStore"/>, not durable), which
/// shows what the SDK and Kestrel cost without the database. Logging goes to
/// the console at Warning (Information would print a line per callback and measure the console). Also serves
/// <c>GET /bench/stats</c> (allocated bytes and GC counts) for the driver, and <c>POST /bench/noop</c>, which only reads
/// the body and answers 204: the Kestrel baseline. Runs until its standard input closes.
/// </summary>
internal static class SelfHostServer
{
    public static async Task<int> RunAsync(string publicKey, string store)
    {
        string? postgres = Environment.GetEnvironmentVariable("CONNCTD_BENCH_POSTGRES");
        if (store == "postgresql")
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
        await using PlatformStub platform = await PlatformStub.StartAsync();

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ConnctdConnectorBuilder connector = builder.Services.AddConnctdConnector<BenchConnector>(options =>
        {
            options.PublicKey = publicKey;
            options.PlatformUrl = platform.BaseUrl;
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
        app.MapGet("/bench/stats", () => string.Create(
            CultureInfo.InvariantCulture,
            $"{GC.GetTotalAllocatedBytes(precise: false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}"));
        app.MapPost("/bench/noop", async context =>
        {
            // The baseline: the same requests, answered 204 by Kestrel and routing without the SDK.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        app.MapConnctdConnector("/connctd");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"PLATFORM {platform.BaseUrl}");
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
}

/// <summary>Figures read from <c>GET /bench/stats</c>.</summary>
internal readonly record struct ServerStats(long AllocatedBytes, int Gen0, int Gen1, int Gen2)
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
                int.Parse(parts[3], CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
