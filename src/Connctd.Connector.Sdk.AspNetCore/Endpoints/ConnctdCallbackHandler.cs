using Connctd.Connector.Sdk.AspNetCore.Endpoints;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The connctd callback protocol without a web framework: give it a callback as received, send back what it returns.
/// It does everything <c>MapConnctdConnector</c> does — routing under <see cref="ConnctdCallbackRequest.PathBase"/>
/// (404 / 405 / missing id), the body size limit (413), the signature and <c>Date</c> window under the configured
/// signed-URL mode, the content type (415), strict JSON and id checks (400), then the runtime with your
/// <see cref="Connector"/> in a service scope of its own — and answers every refusal in the protocol's error format.
/// Registered by <c>AddConnctdConnector</c>; use it from Azure Functions, a controller, or a queue consumer.
/// </summary>
public sealed class ConnctdCallbackHandler
{
    private readonly CallbackPipeline _pipeline;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ConnctdCallbackHandler> _logger;

    internal ConnctdCallbackHandler(CallbackPipeline pipeline, IServiceScopeFactory scopes, ILogger<ConnctdCallbackHandler> logger)
    {
        _pipeline = pipeline;
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Answers one callback. Never throws for anything a client can send: every refusal and every failure is an answer.</summary>
    /// <param name="request">The callback exactly as received.</param>
    /// <param name="cancellationToken">Cancelled when the caller has gone; the answer is then of no use.</param>
    /// <returns>The status, content type and body to send back.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<ConnctdCallbackResponse> HandleAsync(ConnctdCallbackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CallbackResult result;
        try
        {
            result = await AnswerAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A request object the pipeline could not take (a null member, say): still an answer, never an exception.
            Log.HookFailed(_logger, exception, "callback", "-");
            result = CallbackResult.InternalError();
        }

        return result.ToResponse();
    }

    private async ValueTask<CallbackResult> AnswerAsync(ConnctdCallbackRequest request, CancellationToken cancellationToken)
    {
        CallbackRoute route = CallbackRoute.Match(request.Method, request.RawTarget, request.PathBase);
        if (route.Refusal is { } refusal)
        {
            Log.CallbackRefused(_logger, request.Method, new string(RequestTargetPath.PathOf(request.RawTarget)), refusal.StatusCode, refusal.ErrorCode ?? "-");
            return refusal;
        }

        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await _pipeline.AnswerAsync(route.Kind, route.Id, request, bodyTooLarge: false, scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
