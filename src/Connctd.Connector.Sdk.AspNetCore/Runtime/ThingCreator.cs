using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Client;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// Creates the things of an instance that do not exist yet. Each thing is claimed in the store before its
/// create-thing call and linked to the platform's id right after, so no thing is ever created twice for the same
/// instance and external id — not by concurrent callbacks, not by several replicas, not after a restart. A call
/// whose outcome is unknown (a timeout after sending, a crash) is never repeated; the instance then fails.
/// </summary>
internal sealed class ThingCreator(
    IConnectorStore store,
    PlatformClient client,
    TokenProtector protector,
    ConfigurationProtector configuration,
    IServiceScopeFactory scopeFactory,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<ThingCreator> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<ThingCreationResult> CreateAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        InstallationRecord? installation = await store.GetInstallationAsync(instance.InstallationId, cancellationToken).ConfigureAwait(false);
        if (installation is null)
        {
            return ThingCreationResult.Failed("The instance's installation is no longer known.");
        }

        var token = protector.UnprotectInstanceToken(instance.ProtectedToken);
        IReadOnlyList<ThingTemplate> templates = await DescribeAsync(instance, installation, token, cancellationToken).ConfigureAwait(false);
        string? invalid = Validate(templates);
        if (invalid is not null)
        {
            Log.InvalidThings(logger, instance.Id, invalid);
            return ThingCreationResult.InvalidThings("The connector described invalid things; see its log.");
        }

        foreach (ThingTemplate template in templates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThingCreationResult? failure = await CreateOneAsync(instance.Id, token, template).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
        }

        Log.ThingsComplete(logger, instance.Id, templates.Count);
        return ThingCreationResult.Success(templates.Count);
    }

    /// <summary>Asks the connector which things the instance should have.</summary>
    internal async Task<IReadOnlyList<ThingTemplate>> DescribeAsync(InstanceRecord instance, InstallationRecord installation, Security.InstanceToken token, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            Connector connector = scope.ServiceProvider.GetRequiredService<Connector>();
            IConnectorPlatform platform = scope.ServiceProvider.GetRequiredService<IConnectorPlatform>();
            InstanceContext context = instance.ToContext(installation, token, platform, configuration);
            return await connector.GetThingsAsync(context, cancellationToken).ConfigureAwait(false) ?? [];
        }
    }

    internal async Task<ThingCreationResult?> CreateOneAsync(string instanceId, Security.InstanceToken token, ThingTemplate template)
    {
        // Once claimed, the call and its bookkeeping are not cancelled: an abandoned call would leave its outcome unknown.
        (ThingMapping mapping, bool claimed) = await store.ClaimThingCreationAsync(
            instanceId, template.ExternalId, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (!claimed)
        {
            mapping = await WaitForOtherCreatorAsync(mapping).ConfigureAwait(false);
            if (mapping.State == ThingMappingState.Created)
            {
                return null;
            }

            Log.ThingCreationUncertain(logger, instanceId, template.ExternalId);
            return ThingCreationResult.Failed($"The outcome of creating thing '{template.ExternalId}' is unknown; it is not created again.");
        }

        string thingId;
        try
        {
            thingId = await client.CreateThingAsync(token, template.Thing with { Id = "" }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PlatformException exception) when (!exception.OutcomeUnknown)
        {
            Log.ThingCreationFailed(logger, exception, instanceId, template.ExternalId, exception.Status, exception.ErrorCode);
            await store.DeleteThingAsync(instanceId, template.ExternalId, CancellationToken.None).ConfigureAwait(false);
            return ThingCreationResult.Failed($"The platform refused to create thing '{template.ExternalId}' (status {exception.Status}).");
        }
        catch (PlatformException)
        {
            Log.ThingCreationUncertain(logger, instanceId, template.ExternalId);
            return ThingCreationResult.Failed($"The outcome of creating thing '{template.ExternalId}' is unknown; it is not created again.");
        }

        await store.CompleteThingCreationAsync(instanceId, template.ExternalId, thingId, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await store.UpdateThingTemplateHashAsync(instanceId, template.ExternalId, ThingTemplateHash.Compute(template.Thing), CancellationToken.None).ConfigureAwait(false);
        Log.ThingCreated(logger, instanceId, template.ExternalId, thingId);
        return null;
    }

    /// <summary>
    /// Another request or replica claimed the thing: wait until it records the thing id, or until its claim is older
    /// than any platform call can take, which means it died with the outcome unknown.
    /// </summary>
    private async Task<ThingMapping> WaitForOtherCreatorAsync(ThingMapping mapping)
    {
        TimeSpan staleAfter = options.CurrentValue.Resilience.TotalTimeout + TimeSpan.FromSeconds(5);
        while (mapping.State == ThingMappingState.Creating && timeProvider.GetUtcNow() - mapping.UpdatedAt < staleAfter)
        {
            await Task.Delay(PollInterval, timeProvider).ConfigureAwait(false);
            ThingMapping? current = await store.FindThingByExternalIdAsync(mapping.InstanceId, mapping.ExternalId, CancellationToken.None).ConfigureAwait(false);
            if (current is null)
            {
                // The other creator was refused by the platform and released its claim.
                return mapping with { State = ThingMappingState.Creating, UpdatedAt = DateTimeOffset.MinValue };
            }

            mapping = current;
        }

        return mapping;
    }

    internal static string? Validate(IReadOnlyList<ThingTemplate> templates)
    {
        List<string> problems = [];
        HashSet<string> externalIds = new(StringComparer.Ordinal);
        for (int i = 0; i < templates.Count; i++)
        {
            ThingTemplate? template = templates[i];
            if (template is null || string.IsNullOrWhiteSpace(template.ExternalId) || template.Thing is null)
            {
                problems.Add($"[{i}]: a template needs an external id and a thing");
                continue;
            }

            if (!externalIds.Add(template.ExternalId))
            {
                problems.Add($"[{i}] ({template.ExternalId}): the external id is used twice");
            }

            problems.AddRange(ThingValidator.Validate(template.Thing).Select(error => $"[{i}] ({template.ExternalId}) {error}"));
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
