using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Connctd.Connector.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// Builds the <see cref="HttpContext"/> Kestrel would hand to an endpoint: request features with the raw target, the
/// headers as sent and the body as a stream; the response goes to <see cref="Stream.Null"/>.
/// </summary>
public static class CallbackRequests
{
    public static DefaultHttpContext Create(
        IServiceProvider requestServices, string method, string target, string host, string date, string signature, byte[] body, string contentType = "application/json")
    {
        var headers = new HeaderDictionary
        {
            ["Host"] = host,
            ["Date"] = date,
            ["Signature"] = signature,
            ["Content-Type"] = contentType,
            ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = method,
            Scheme = "http",
            Path = target,
            RawTarget = target,
            Headers = headers,
            Body = new MemoryStream(body, writable: false),
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        return new DefaultHttpContext(features) { RequestServices = requestServices };
    }
}
