using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Protocol;

namespace ConsentConnector;

/// <summary>Answers every installation with a REDIRECT step to its own consent page; nothing else is needed for the sample.</summary>
public sealed class ConsentRequiringConnector(ConsentLinks links, ILogger<ConsentRequiringConnector> logger) : Connector
{
    /// <inheritdoc />
    public override ValueTask<SetupOutcome> OnInstallAsync(InstallationContext context, CancellationToken cancellationToken)
    {
        Uri consentPage = links.Create(context.Installation.Id);
        Log.ConsentRequested(logger, context.Installation.Id);
        return ValueTask.FromResult(SetupOutcome.Ongoing(FurtherStep.RedirectTo(consentPage)));
    }
}
