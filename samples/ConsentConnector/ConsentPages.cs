using System.Net;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Protocol;

namespace ConsentConnector;

/// <summary>The consent page: GET shows the question, POST reports the answer to the platform.</summary>
public static class ConsentPages
{
    /// <summary>Maps <c>GET</c> and <c>POST /consent/{installationId}</c>.</summary>
    public static void MapConsentPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/consent/{installationId}", async (string installationId, string? state, ConsentLinks links, IConnectorPlatform platform, CancellationToken cancellationToken) =>
        {
            if (!links.IsValid(installationId, state))
            {
                return Page(StatusCodes.Status400BadRequest, "Link not valid", "This consent link is not valid or has expired. Start the installation again.");
            }

            if (await FindOngoingAsync(platform, installationId, cancellationToken) is null)
            {
                return Page(StatusCodes.Status404NotFound, "Nothing to consent to", "This installation is not waiting for consent.");
            }

            string form = $"""
                <p>An app wants to use your lamps through this connector (installation <code>{Html(installationId)}</code>).</p>
                <form method="post">
                  <input type="hidden" name="state" value="{Html(state!)}">
                  <button name="decision" value="allow">Allow</button>
                  <button name="decision" value="deny">Deny</button>
                </form>
                """;
            return Page(StatusCodes.Status200OK, "Allow access?", form, raw: true);
        });

        endpoints.MapPost("/consent/{installationId}", async (string installationId, HttpRequest request, ConsentLinks links, IConnectorPlatform platform, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            if (!request.HasFormContentType)
            {
                return Page(StatusCodes.Status415UnsupportedMediaType, "Not a form", "Send the consent form.");
            }

            IFormCollection form = await request.ReadFormAsync(cancellationToken);
            if (!links.IsValid(installationId, form["state"]))
            {
                return Page(StatusCodes.Status400BadRequest, "Link not valid", "This consent link is not valid or has expired. Start the installation again.");
            }

            if (await FindOngoingAsync(platform, installationId, cancellationToken) is null)
            {
                return Page(StatusCodes.Status404NotFound, "Nothing to consent to", "This installation is not waiting for consent.");
            }

            bool allowed = form["decision"] == "allow";
            ILogger logger = loggers.CreateLogger(typeof(ConsentPages).FullName!);
            try
            {
                await platform.ReportInstallationStateAsync(installationId, allowed ? LifecycleState.Complete : LifecycleState.Failed, cancellationToken: cancellationToken);
            }
            catch (PlatformException exception)
            {
                Log.ConsentNotReported(logger, exception, installationId);
                return Page(StatusCodes.Status502BadGateway, "Please try again", "The connctd platform could not be reached. Try again in a moment.");
            }

            Log.ConsentAnswered(logger, installationId, allowed ? "allowed" : "denied");
            return allowed
                ? Page(StatusCodes.Status200OK, "Done", "Access granted. You can close this page and return to the app.")
                : Page(StatusCodes.Status200OK, "Denied", "Access denied. The installation has failed.");
        });
    }

    private static async Task<Installation?> FindOngoingAsync(IConnectorPlatform platform, string installationId, CancellationToken cancellationToken) =>
        (await platform.GetInstallationsAsync(cancellationToken)).FirstOrDefault(installation => installation.Id == installationId && installation.State == LifecycleState.Ongoing);

    private static IResult Page(int statusCode, string title, string body, bool raw = false) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Html(title)}</title></head><body><h1>{Html(title)}</h1>{(raw ? body : "<p>" + Html(body) + "</p>")}</body></html>",
        "text/html; charset=utf-8",
        statusCode: statusCode);

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
