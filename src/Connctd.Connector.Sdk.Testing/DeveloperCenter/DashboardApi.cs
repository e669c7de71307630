using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>
/// The dashboard's HTTP side: the page and its assets, the snapshot (<c>GET /dashboard/state</c>), the live stream of
/// snapshots (<c>GET /dashboard/events</c>, server-sent events) and the commands (<c>POST /dashboard/…</c>, JSON).
/// Errors use the protocol's error format.
/// </summary>
internal sealed class DashboardApi(DeveloperCenterServer server)
{
    private const int MaxCommandBytes = 64 * 1024;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!IsLocalHost(request.Host))
        {
            await WriteErrorAsync(context, 403, ErrorCodes.Forbidden, "The Developer Center answers only requests to 127.0.0.1 or localhost.").ConfigureAwait(false);
            return;
        }

        string path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            switch (path)
            {
                case "/dashboard/state":
                    await WriteJsonAsync(context, 200, DashboardSnapshotBuilder.Build(server), DashboardJsonContext.Default.DashboardSnapshot).ConfigureAwait(false);
                    return;
                case "/dashboard/events":
                    await StreamAsync(context).ConfigureAwait(false);
                    return;
            }

            if (DashboardAssets.Find(path) is { } asset)
            {
                context.Response.ContentType = asset.ContentType;
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";
                context.Response.ContentLength = asset.Content.Length;
                await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await WriteErrorAsync(context, 404, ErrorCodes.NotFound, "The Developer Center has no such page.").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || !path.StartsWith("/dashboard/", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 405, ErrorCodes.MethodNotAllowed, "The Developer Center takes commands as POST /dashboard/<command>.").ConfigureAwait(false);
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type) ||
            !string.Equals(type.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(context, 415, ErrorCodes.BadContentType, "A command's body is JSON (Content-Type: application/json).").ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxCommandBytes;
        }

        DashboardCommand? command;
        try
        {
            command = await JsonSerializer.DeserializeAsync(request.Body, DashboardJsonContext.Default.DashboardCommand, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            await WriteErrorAsync(context, 400, ErrorCodes.InvalidJsonBody, "The command is not valid JSON of a known shape: " + exception.Message).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == 413)
        {
            await WriteErrorAsync(context, 413, ErrorCodes.RequestTooLarge, "The command is larger than 64 KiB.").ConfigureAwait(false);
            return;
        }

        if (command is null)
        {
            await WriteErrorAsync(context, 400, ErrorCodes.BadRequestBody, "The command is null.").ConfigureAwait(false);
            return;
        }

        DashboardCommands.Outcome outcome = await new DashboardCommands(server).RunAsync(path["/dashboard/".Length..], command, context.RequestAborted).ConfigureAwait(false);
        if (outcome.Result is { } result)
        {
            await WriteJsonAsync(context, 200, result, DashboardJsonContext.Default.DashboardCommandResult).ConfigureAwait(false);
        }
        else
        {
            await WriteErrorAsync(context, outcome.Status, outcome.ErrorCode!, outcome.Description!).ConfigureAwait(false);
        }
    }

    private static bool IsLocalHost(HostString host) =>
        host.Host is "127.0.0.1" or "localhost" or "[::1]";

    private async Task StreamAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, server.Stopping);
        CancellationToken cancellationToken = linked.Token;
        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        try
        {
            await response.Body.WriteAsync("retry: 1000\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                Task changed = server.Platform.State.Changed;
                byte[] snapshot = JsonSerializer.SerializeToUtf8Bytes(DashboardSnapshotBuilder.Build(server), DashboardJsonContext.Default.DashboardSnapshot);
                await response.Body.WriteAsync("event: snapshot\ndata: "u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await response.Body.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
                await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                while (await Task.WhenAny(changed, Task.Delay(KeepAlive, cancellationToken)).ConfigureAwait(false) != changed)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away, or the Developer Center stops.
        }
        catch (IOException)
        {
            // The page went away while a snapshot was written.
        }
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string description) =>
        WriteJsonAsync(context, status, new ErrorResponse { Error = code, Description = description, Status = status }, ConnctdJson.GetTypeInfo<ErrorResponse>());
}
