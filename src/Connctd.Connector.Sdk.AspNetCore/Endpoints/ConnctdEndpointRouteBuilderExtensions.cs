using System.Diagnostics.CodeAnalysis;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.AspNetCore.Endpoints;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the connector's callback endpoints.</summary>
public static class ConnctdEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the five callbacks of the connctd protocol under <paramref name="prefix"/>:
    /// <c>POST {prefix}/installations</c>, <c>DELETE {prefix}/installations/{id}</c>, <c>POST {prefix}/instances</c>,
    /// <c>DELETE {prefix}/instances/{id}</c> and <c>POST {prefix}/actions</c>. Other paths and methods under the prefix
    /// are answered 404 / 405 in the protocol's error format. Publish <c>https://your-host{prefix}/installations</c> (and
    /// so on) as the callback URLs. Each endpoint is a thin adapter: it reads the body and hands the callback to the
    /// same pipeline <see cref="ConnctdCallbackHandler"/> runs for hosts without ASP.NET Core routing.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="prefix">The path the callbacks live under, for example <c>/connctd</c>.</param>
    /// <returns>A builder to add conventions (rate limiting, filters, host restrictions) to every callback endpoint.</returns>
    /// <exception cref="InvalidOperationException"><c>AddConnctdConnector</c> was not called.</exception>
    public static IEndpointConventionBuilder MapConnctdConnector(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/connctd")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<ConnctdConnectorMarker>() is null)
        {
            throw new InvalidOperationException(
                "The connctd connector services are not registered. Call builder.Services.AddConnctdConnector<TConnector>(builder.Configuration.GetSection(\"Connctd\")) before building the application.");
        }

        RouteGroupBuilder group = endpoints.MapGroup(prefix);
        Map(group, "/installations", HttpMethods.Post, CallbackKind.Install);
        Map(group, "/installations/{id}", HttpMethods.Delete, CallbackKind.Uninstall);
        Map(group, "/instances", HttpMethods.Post, CallbackKind.Instantiate);
        Map(group, "/instances/{id}", HttpMethods.Delete, CallbackKind.RemoveInstance);
        Map(group, "/actions", HttpMethods.Post, CallbackKind.Action);

        group.MapDelete("/installations", context => WriteAsync(context, CallbackRefusals.MissingInstallationId()));
        group.MapDelete("/instances", context => WriteAsync(context, CallbackRefusals.MissingInstanceId()));
        group.Map("/{**path}", context => WriteAsync(context, CallbackRefusals.NotFound()));
        return group;
    }

    private static void Map(RouteGroupBuilder group, string pattern, string method, CallbackKind kind)
    {
        group.MapMethods(pattern, [method], context => context.RequestServices.GetRequiredService<CallbackPipeline>().HandleAsync(context, kind))
            .WithDisplayName($"connctd {kind} callback");

        // Without a method constraint this answers every other method, including non-standard ones (PROPFIND, …);
        // routing prefers the endpoints that name their method, so it never shadows them.
        group.Map(pattern, context => WriteAsync(context, CallbackRefusals.MethodNotAllowed(method)));
    }

    private static Task WriteAsync(HttpContext context, CallbackResult result) => result.WriteAsync(context.Response, context.RequestAborted);
}
