using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsConnector;

/// <summary>
/// The connector's functions. <see cref="CallbackAsync"/> answers the five connctd callbacks through
/// <see cref="ConnctdCallbackHandler"/> (the pipeline <c>MapConnctdConnector</c> runs, so every answer and refusal is
/// the same), then delivers what the callback queued before it returns. <see cref="DrainOutboxAsync"/> runs every
/// minute and delivers the rest: updates that failed while the platform was down, and those a callback could not
/// deliver within <see cref="CallbackDrainTime"/>. No background worker delivers between invocations
/// (<c>Connctd:Outbox:BackgroundDelivery</c> is off, see <see cref="FunctionsConnectorServices"/>).
/// </summary>
public sealed class ConnctdFunctions(
    ConnctdCallbackHandler handler,
    IOutboxDrainer drainer,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    ILogger<ConnctdFunctions> logger)
{
    /// <summary>Where the callbacks are served: the host's route prefix (<c>api</c>, host.json) and the function's route.</summary>
    public const string CallbackPath = "/api/connctd";

    /// <summary>
    /// How long a callback may spend delivering what it queued before it answers. The platform waits for the answer, so
    /// this stays short; whatever is not delivered by then is the timer's.
    /// </summary>
    public static readonly TimeSpan CallbackDrainTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one timer run may deliver: well inside the Consumption plan's default function timeout (5 minutes),
    /// and shorter than the timer's period would make runs queue up behind each other.
    /// </summary>
    public static readonly TimeSpan TimerDrainTime = TimeSpan.FromSeconds(50);

    /// <summary>
    /// Every callback, whatever its path and method: the handler routes under <see cref="CallbackPath"/> and answers
    /// 404 / 405 in the protocol's format itself. Anonymous: the platform signs every callback and the handler refuses
    /// what is not signed by it, so a function key would add nothing.
    /// </summary>
    /// <param name="request">The callback as the worker received it (ASP.NET Core integration).</param>
    /// <param name="cancellationToken">Cancelled when the invocation is.</param>
    /// <returns>An empty result: the answer is written to the response directly.</returns>
    [Function("connctd-callback")]
    public async Task<IActionResult> CallbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = "connctd/{*path}")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponse response = request.HttpContext.Response;

        // The raw bytes, never more than the limit plus one (the handler answers 413 for a body over the limit).
        long limit = options.CurrentValue.MaxRequestBodySize;
        byte[] body;
        try
        {
            body = await ReadAtMostAsync(request.Body, limit + 1, cancellationToken);
        }
        catch (IOException exception)
        {
            Log.BodyUnreadable(logger, exception.GetType().Name);
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "The request body could not be read.", cancellationToken);
            return new EmptyResult();
        }

        ConnctdCallbackResponse answer = await handler.HandleAsync(new ConnctdCallbackRequest
        {
            Method = request.Method,
            Scheme = request.Scheme,
            Host = request.Headers.Host.ToString(),
            RawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
                ? raw
                : string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent()),
            PathBase = CallbackPath,
            Headers = request.Headers,
            Body = body,
            RemoteIpAddress = request.HttpContext.Connection.RemoteIpAddress,
        }, cancellationToken);

        // An accepted callback may have queued platform calls (an action's new property value, a state report): deliver
        // them now, while this invocation runs. A refused one queued nothing, and must not make the function work more.
        if (answer.StatusCode is >= 200 and < 300)
        {
            await DeliverAsync("callback", new OutboxDrainOptions { TimeLimit = CallbackDrainTime }, cancellationToken);
        }

        await answer.WriteToAsync(response, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>
    /// Delivers what is due in the outbox every minute (<c>0 */1 * * * *</c>): what failed while the platform was down
    /// (after its backoff), what a callback did not get to, what a worker recycled mid-delivery left behind.
    /// </summary>
    /// <param name="timer">The timer's schedule status.</param>
    /// <param name="cancellationToken">Cancelled when the invocation is.</param>
    /// <returns>A task that completes when the drain ends.</returns>
    [Function("connctd-outbox")]
    public async Task DrainOutboxAsync([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await DeliverAsync("timer", new OutboxDrainOptions { TimeLimit = TimerDrainTime, MaxMessages = 10_000 }, cancellationToken);
    }

    private async Task DeliverAsync(string trigger, OutboxDrainOptions limits, CancellationToken cancellationToken)
    {
        try
        {
            OutboxDrainResult result = await drainer.DrainAsync(limits, cancellationToken);
            Log.Drained(logger, trigger, result.Delivered, result.Failed, result.DeadLettered, result.Remaining);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store could not be reached: nothing is lost (what was queued stays queued), the next timer run tries again.
            Log.DrainFailed(logger, exception, trigger);
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        while (buffer.Length < limit)
        {
            int read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteErrorAsync(HttpResponse response, int status, string error, string description, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(
            JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse { Error = error, Description = description, Status = status }, JsonSerializerOptions.Web), cancellationToken);
    }
}
