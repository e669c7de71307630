using BenchmarkDotNet.Attributes;
using Connctd.Connector.Sdk.Benchmarks.Infrastructure;
using Connctd.Connector.Sdk.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk.Benchmarks;

/// <summary>
/// The whole verification of one action callback as the endpoint does it: signed URL from the Host header and the raw
/// target, Date, Signature, raw body. <see cref="HttpContextBaseline"/> is what Kestrel and routing would spend anyway
/// (a request scope and an <see cref="HttpContext"/>); <see cref="EndpointUpToRuntime"/> runs the real endpoint with a
/// signed request whose content type is refused right after the signature check, so it covers everything before the
/// runtime: body read, verification, connector resolution, the 415 answer. Allocations of
/// <see cref="EndpointUpToRuntime"/> minus <see cref="HttpContextBaseline"/> minus the body copy are the SDK's own.
/// </summary>
[MemoryDiagnoser]
public class CallbackVerificationBenchmarks
{
    private ConnectorHarness _harness = null!;
    private Func<HttpContext, ReadOnlyMemory<byte>, SignatureVerificationResult> _verify = null!;
    private RequestDelegate _actionEndpoint = null!;
    private HttpContext _verifyContext = null!;
    private IServiceScopeFactory _scopes = null!;
    private string _date = null!;
    private string _signature = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _harness = await ConnectorHarness.CreateAsync(inMemoryStore: true);
        _verify = _harness.CallbackVerifier();
        _actionEndpoint = _harness.Endpoint("Action");
        _scopes = _harness.Services.GetRequiredService<IServiceScopeFactory>();
        _body = Samples.ActionBodyFor("a3c1f7e2-0b9d-4e6a-8c5f-2d1b0a9e8f7c", ConnectorHarness.ThingId);
        _date = HttpDate.Format(Samples.SignedAt);
        _signature = _harness.Signer.Sign("POST", "https", Samples.Host, Samples.ActionTarget, _date, _body);
        _verifyContext = CallbackRequests.Create(_harness.Services, "POST", Samples.ActionTarget, Samples.Host, _date, _signature, _body);
        if (VerifyCallback() != SignatureVerificationResult.Valid)
        {
            throw new InvalidOperationException("The sample callback does not verify.");
        }

        int status = await EndpointUpToRuntime();
        if (status != StatusCodes.Status415UnsupportedMediaType)
        {
            throw new InvalidOperationException($"The endpoint answered {status}, expected 415 after a valid signature.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _harness.DisposeAsync();

    [Benchmark]
    public async Task<int> HttpContextBaseline()
    {
        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        await using (scope)
        {
            DefaultHttpContext context = CallbackRequests.Create(scope.ServiceProvider, "POST", Samples.ActionTarget, Samples.Host, _date, _signature, _body, "text/plain");
            return context.Response.StatusCode;
        }
    }

    [Benchmark(Baseline = true)]
    public SignatureVerificationResult VerifyCallback() => _verify(_verifyContext, _body);

    [Benchmark]
    public async Task<int> EndpointUpToRuntime()
    {
        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        await using (scope)
        {
            DefaultHttpContext context = CallbackRequests.Create(scope.ServiceProvider, "POST", Samples.ActionTarget, Samples.Host, _date, _signature, _body, "text/plain");
            await _actionEndpoint(context);
            return context.Response.StatusCode;
        }
    }
}
