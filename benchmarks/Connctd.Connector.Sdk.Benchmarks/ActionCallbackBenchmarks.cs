using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.Infrastructure;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// One whole action callback through the real endpoint (no Kestrel): verification, parsing, thing lookup, the action
/// record written before the answer, the do-nothing connector, the 204. Every invocation sends a request signed
/// beforehand with a fresh action request id, so each one runs the hook (a repeated id would get the recorded answer).
/// With <c>in-memory</c> the store costs next to nothing, which leaves the SDK's own work; with <c>sqlite</c> the
/// durable store is included (two commits per callback).
/// </summary>
[MemoryDiagnoser]
public class ActionCallbackBenchmarks
{
    private ConnectorHarness _harness = null!;
    private RequestDelegate _actionEndpoint = null!;
    private IServiceScopeFactory _scopes = null!;
    private string _date = null!;
    private byte[][] _bodies = null!;
    private string[] _signatures = null!;
    private int _next;
    private int _wrapped;

    [Params("in-memory", "sqlite")]
    public string Store { get; set; } = "in-memory";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        bool inMemory = Store == "in-memory";
        _harness = await ConnectorHarness.CreateAsync(inMemory);
        _actionEndpoint = _harness.Endpoint("Action");
        _scopes = _harness.Services.GetRequiredService<IServiceScopeFactory>();
        _date = HttpDate.Format(Samples.SignedAt);

        // Enough fresh requests for a short run and then some; a wrap-around is reported at the end.
        int count = inMemory ? 200_000 : 40_000;
        _bodies = new byte[count][];
        _signatures = new string[count];
        for (int i = 0; i < count; i++)
        {
            _bodies[i] = Samples.ActionBodyFor($"action-{i:D8}-{Guid.NewGuid():N}", ConnectorHarness.ThingId);
            _signatures[i] = _harness.Signer.Sign("POST", "https", Samples.Host, Samples.ActionTarget, _date, _bodies[i]);
        }

        int status = await ActionCallback();
        if (status != StatusCodes.Status204NoContent)
        {
            throw new InvalidOperationException($"The action callback was answered {status}, expected 204.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_wrapped > 0)
        {
            Console.WriteLine($"// ActionCallbackBenchmarks({Store}): {_wrapped} invocations reused a request id (answered from the record).");
        }

        await _harness.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> ActionCallback()
    {
        int index = _next++;
        if (index >= _bodies.Length)
        {
            index %= _bodies.Length;
            _wrapped++;
        }

        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        await using (scope)
        {
            DefaultHttpContext context = CallbackRequests.Create(scope.ServiceProvider, "POST", Samples.ActionTarget, Samples.Host, _date, _signatures[index], _bodies[index]);
            await _actionEndpoint(context);
            return context.Response.StatusCode;
        }
    }
}
