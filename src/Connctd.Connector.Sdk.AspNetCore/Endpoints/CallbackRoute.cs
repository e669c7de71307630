using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Microsoft.AspNetCore.Http;

namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>
/// The route table of <c>MapConnctdConnector</c> for hosts without endpoint routing: which callback a method and raw
/// target are, or the refusal endpoint routing would give (404, 405 with <c>Allow</c>, 400 for a DELETE without id).
/// Literal segments compare case-insensitively and one trailing slash is ignored, as in ASP.NET Core routing.
/// </summary>
internal readonly record struct CallbackRoute(CallbackKind Kind, string? Id, CallbackResult? Refusal)
{
    public static CallbackRoute Match(string method, string rawTarget, string pathBase)
    {
        List<string> segments = RequestTargetPath.Segments(rawTarget);
        List<string> prefix = RequestTargetPath.Segments(pathBase.Length == 0 ? "/" : pathBase);
        if (prefix.Count > 0 && prefix[^1].Length == 0)
        {
            prefix.RemoveAt(prefix.Count - 1);
        }

        if (segments.Count < prefix.Count || !prefix.SequenceEqual(segments.Take(prefix.Count), StringComparer.OrdinalIgnoreCase))
        {
            return Refused(CallbackRefusals.NotFound());
        }

        segments.RemoveRange(0, prefix.Count);
        if (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        bool post = HttpMethods.IsPost(method);
        bool delete = HttpMethods.IsDelete(method);
        return segments switch
        {
            [var name] when Is(name, "installations") => post ? new(CallbackKind.Install, null, null)
                : Refused(delete ? CallbackRefusals.MissingInstallationId() : CallbackRefusals.MethodNotAllowed(HttpMethods.Post)),
            [var name] when Is(name, "instances") => post ? new(CallbackKind.Instantiate, null, null)
                : Refused(delete ? CallbackRefusals.MissingInstanceId() : CallbackRefusals.MethodNotAllowed(HttpMethods.Post)),
            [var name] when Is(name, "actions") => post ? new(CallbackKind.Action, null, null) : Refused(CallbackRefusals.MethodNotAllowed(HttpMethods.Post)),
            [var name, { Length: > 0 } id] when Is(name, "installations") =>
                delete ? new(CallbackKind.Uninstall, id, null) : Refused(CallbackRefusals.MethodNotAllowed(HttpMethods.Delete)),
            [var name, { Length: > 0 } id] when Is(name, "instances") =>
                delete ? new(CallbackKind.RemoveInstance, id, null) : Refused(CallbackRefusals.MethodNotAllowed(HttpMethods.Delete)),
            _ => Refused(CallbackRefusals.NotFound()),
        };
    }

    private static bool Is(string segment, string literal) => segment.Equals(literal, StringComparison.OrdinalIgnoreCase);

    private static CallbackRoute Refused(CallbackResult refusal) => new(default, null, refusal);
}
