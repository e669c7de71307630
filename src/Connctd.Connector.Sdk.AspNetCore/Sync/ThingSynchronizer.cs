using Connctd.Connector.Sdk.AspNetCore.Outbox;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Storage;
using Connctd.Connector.Sdk.Things;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Sync;

/// <summary>The <see cref="IThingSynchronizer"/> of the runtime.</summary>
internal sealed class ThingSynchronizer(
    IConnectorStore store,
    ThingCreator creator,
    ConnectorOutbox outbox,
    TokenProtector protector,
    ILogger<ThingSynchronizer> logger) : IThingSynchronizer
{
    public Task<ThingSyncReport> PlanAsync(CancellationToken cancellationToken = default) => RunAsync(UpgradeScope.All, apply: false, cancellationToken);

    public Task<ThingSyncReport> ApplyAsync(CancellationToken cancellationToken = default) => RunAsync(UpgradeScope.All, apply: true, cancellationToken);

    public Task<ThingSyncReport> PlanAsync(UpgradeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return RunAsync(scope, apply: false, cancellationToken);
    }

    public Task<ThingSyncReport> ApplyAsync(UpgradeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return RunAsync(scope, apply: true, cancellationToken);
    }

    private async Task<ThingSyncReport> RunAsync(UpgradeScope scope, bool apply, CancellationToken cancellationToken)
    {
        List<InstanceSyncReport> reports = [];
        foreach (InstanceRecord instance in await store.ListInstancesByThingCreationAsync(ThingCreationStatus.Completed, cancellationToken).ConfigureAwait(false))
        {
            if (!scope.IncludesInstance(instance.Id, instance.InstallationId))
            {
                continue;
            }

            InstanceSyncReport report = await SyncInstanceAsync(instance, apply, cancellationToken).ConfigureAwait(false);
            if (!report.IsInLine || report.Adopted.Count > 0)
            {
                Log.InstanceSync(logger, apply ? "applied" : "planned", instance.Id, report.Missing.Count, report.Changed.Count, report.Obsolete.Count, report.Adopted.Count, report.Error ?? "-");
            }

            reports.Add(report);
        }

        return new ThingSyncReport(apply, reports);
    }

    private async Task<InstanceSyncReport> SyncInstanceAsync(InstanceRecord instance, bool apply, CancellationToken cancellationToken)
    {
        InstallationRecord? installation = await store.GetInstallationAsync(instance.InstallationId, cancellationToken).ConfigureAwait(false);
        if (installation is null)
        {
            return new InstanceSyncReport(instance.Id, [], [], [], [], "The instance's installation is no longer known.");
        }

        Security.InstanceToken token = protector.UnprotectInstanceToken(instance.ProtectedToken);
        IReadOnlyList<ThingTemplate> templates = await creator.DescribeAsync(instance, installation, token, cancellationToken).ConfigureAwait(false);
        if (ThingCreator.Validate(templates) is { } invalid)
        {
            Log.InvalidThings(logger, instance.Id, invalid);
            return new InstanceSyncReport(instance.Id, [], [], [], [], "The connector describes invalid things; see its log.");
        }

        Dictionary<string, ThingMapping> mappings = (await store.ListThingsAsync(instance.Id, cancellationToken).ConfigureAwait(false))
            .ToDictionary(mapping => mapping.ExternalId, StringComparer.Ordinal);
        List<string> missing = [], changed = [], obsolete = [], adopted = [];
        List<(ThingTemplate Template, ThingMapping? Old)> toCreate = [];
        foreach (ThingTemplate template in templates)
        {
            string hash = ThingTemplateHash.Compute(template.Thing);
            if (!mappings.Remove(template.ExternalId, out ThingMapping? mapping))
            {
                missing.Add(template.ExternalId);
                toCreate.Add((template, null));
            }
            else if (mapping.State != ThingMappingState.Created)
            {
                // A creation whose outcome is unknown: never repeated.
            }
            else if (mapping.TemplateHash is null)
            {
                adopted.Add(template.ExternalId);
                if (apply)
                {
                    await store.UpdateThingTemplateHashAsync(instance.Id, template.ExternalId, hash, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (!string.Equals(mapping.TemplateHash, hash, StringComparison.Ordinal))
            {
                changed.Add(template.ExternalId);
                toCreate.Add((template, mapping));
            }
        }

        List<ThingMapping> toDelete = mappings.Values.Where(mapping => mapping.State == ThingMappingState.Created).ToList();
        obsolete.AddRange(toDelete.Select(mapping => mapping.ExternalId));
        string? error = null;
        if (apply)
        {
            error = await ApplyAsync(instance, token, toCreate, toDelete, cancellationToken).ConfigureAwait(false);
        }

        return new InstanceSyncReport(instance.Id, missing, changed, obsolete, adopted, error);
    }

    private async Task<string?> ApplyAsync(
        InstanceRecord instance, Security.InstanceToken token, List<(ThingTemplate Template, ThingMapping? Old)> toCreate, List<ThingMapping> toDelete, CancellationToken cancellationToken)
    {
        foreach (ThingMapping mapping in toDelete)
        {
            await DeleteAsync(mapping, cancellationToken).ConfigureAwait(false);
        }

        foreach ((ThingTemplate template, ThingMapping? old) in toCreate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThingTemplate created = template;
            if (old is not null)
            {
                // The values last reported for the old thing are carried over to the properties the new one still has
                // (kept by external id, so they survive the deletion of the old mapping and a crash before the creation).
                created = await WithReportedValuesAsync(instance.Id, template, cancellationToken).ConfigureAwait(false);

                // The deletion is queued before the mapping goes, so a crash in between repeats the deletion rather than leaving a ghost.
                await DeleteAsync(old, cancellationToken).ConfigureAwait(false);
            }

            ThingCreationResult? failure = await creator.CreateOneAsync(instance.Id, token, created).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure.Description;
            }
        }

        return null;
    }

    /// <summary>
    /// The template with the last reported value of every property it still has (same component and property id); a
    /// property without a reported value keeps its template value.
    /// </summary>
    private async Task<ThingTemplate> WithReportedValuesAsync(string instanceId, ThingTemplate template, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReportedPropertyValue> reported = await store.ListPropertyValuesAsync(instanceId, template.ExternalId, cancellationToken).ConfigureAwait(false);
        if (reported.Count == 0)
        {
            return template;
        }

        Dictionary<(string Component, string Property), ReportedPropertyValue> values = reported.ToDictionary(value => (value.ComponentId, value.PropertyId));
        Thing thing = template.Thing with
        {
            Components = template.Thing.Components
                .Select(component => component with
                {
                    Properties = component.Properties
                        .Select(property => values.TryGetValue((component.Id, property.Id), out ReportedPropertyValue? value)
                            ? property with { Value = value.Value, LastUpdate = value.ObservedAt }
                            : property)
                        .ToArray(),
                })
                .ToArray(),
        };
        return template with { Thing = thing };
    }

    private async Task DeleteAsync(ThingMapping mapping, CancellationToken cancellationToken)
    {
        await outbox.DeleteThingAsync(mapping.InstanceId, mapping.ThingId!, cancellationToken).ConfigureAwait(false);
        await store.DeleteThingAsync(mapping.InstanceId, mapping.ExternalId, CancellationToken.None).ConfigureAwait(false);
    }
}
