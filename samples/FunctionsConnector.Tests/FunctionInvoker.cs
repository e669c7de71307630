using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsConnector.Tests;

/// <summary>
/// Hands each HTTP request to an HTTP-triggered function as the isolated worker's ASP.NET Core integration does: an
/// <see cref="HttpContext"/> with the method, the raw request target, the headers and the body exactly as sent, and
/// the function's response read back. With it the fake platform's <c>ConnectorUnderTest</c> sends its signed callbacks
/// straight into the function, no Functions host in between.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services, Func<HttpRequest, CancellationToken, Task<IActionResult>> function) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Uri uri = request.RequestUri!;
        var context = new DefaultHttpContext { RequestServices = services };
        HttpRequest received = context.Request;
        received.Method = request.Method.Method;
        received.Scheme = uri.Scheme;
        received.Host = new HostString(request.Headers.Host ?? uri.Authority);
        received.Path = PathString.FromUriComponent(uri.AbsolutePath);
        received.QueryString = QueryString.FromUriComponent(uri.Query);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = uri.PathAndQuery;
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        foreach ((string name, IEnumerable<string> values) in request.Headers)
        {
            received.Headers[name] = values.ToArray();
        }

        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach ((string name, IEnumerable<string> values) in request.Content.Headers)
            {
                received.Headers[name] = values.ToArray();
            }
        }

        received.Body = new MemoryStream(body);
        received.ContentLength = request.Content is null ? null : body.Length;
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        IActionResult result = await function(received, cancellationToken);
        Assert.IsType<EmptyResult>(result);

        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(responseBody.ToArray()),
        };
        if (context.Response.ContentType is { } contentType)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (context.Response.Headers.Allow is { Count: > 0 } allow)
        {
            response.Content.Headers.TryAddWithoutValidation("Allow", allow.ToArray());
        }

        return response;
    }
}
