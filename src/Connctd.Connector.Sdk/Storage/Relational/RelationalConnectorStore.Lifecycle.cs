using System.Data.Common;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>Installations and instances.</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    public Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        return ReadOneAsync(Statements.SelectInstallation, ReadInstallation, cancellationToken, ("id", installationId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken) =>
        ReadManyAsync(Statements.ListInstallations, ReadInstallation, cancellationToken);

    /// <inheritdoc />
    public Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentException.ThrowIfNullOrEmpty(installation.Id, nameof(installation));
        return ExecuteAsync(
            Statements.UpsertInstallation,
            cancellationToken,
            ("id", installation.Id),
            ("protectedToken", installation.ProtectedToken),
            ("configuration", FormatConfiguration(installation.Configuration)),
            ("state", (int)installation.State),
            ("createdAt", installation.CreatedAt),
            ("updatedAt", installation.UpdatedAt),
            ("answerJson", installation.AnswerJson),
            ("protectedIds", FormatProtectedIds(installation.ProtectedConfigurationIds)));
    }

    /// <inheritdoc />
    public async Task<bool> UpdateInstallationStateAsync(string installationId, LifecycleState state, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        return await ExecuteAsync(
            Statements.UpdateInstallationState,
            cancellationToken,
            ("id", installationId),
            ("state", (int)state),
            ("updatedAt", updatedAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        return await ExecuteAsync(Statements.DeleteInstallation, cancellationToken, ("id", installationId)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return ReadOneAsync(Statements.SelectInstance, ReadInstance, cancellationToken, ("id", instanceId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken) =>
        installationId is null
            ? ReadManyAsync(Statements.ListInstances, ReadInstance, cancellationToken)
            : ReadManyAsync(Statements.ListInstancesOfInstallation, ReadInstance, cancellationToken, ("installationId", installationId));

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(ThingCreationStatus status, CancellationToken cancellationToken) =>
        ReadManyAsync(Statements.ListInstancesByThingCreation, ReadInstance, cancellationToken, ("thingCreation", (int)status));

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The installation is not known.</exception>
    public async Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id, nameof(instance));
        try
        {
            await ExecuteAsync(
                Statements.UpsertInstance,
                cancellationToken,
                ("id", instance.Id),
                ("installationId", instance.InstallationId),
                ("protectedToken", instance.ProtectedToken),
                ("configuration", FormatConfiguration(instance.Configuration)),
                ("state", (int)instance.State),
                ("thingCreation", (int)instance.ThingCreation),
                ("createdAt", instance.CreatedAt),
                ("updatedAt", instance.UpdatedAt),
                ("answerJson", instance.AnswerJson),
                ("protectedIds", FormatProtectedIds(instance.ProtectedConfigurationIds))).ConfigureAwait(false);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            Log.InstallationMissing(Logger, instance.Id, instance.InstallationId);
            throw new InvalidOperationException(
                $"Instance '{instance.Id}' cannot be stored: its installation '{instance.InstallationId}' is not known.",
                exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateInstanceStateAsync(
        string instanceId,
        LifecycleState state,
        ThingCreationStatus thingCreation,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await ExecuteAsync(
            Statements.UpdateInstanceState,
            cancellationToken,
            ("id", instanceId),
            ("state", (int)state),
            ("thingCreation", (int)thingCreation),
            ("updatedAt", updatedAt)).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await ExecuteAsync(Statements.DeleteInstance, cancellationToken, ("id", instanceId)).ConfigureAwait(false) > 0;
    }
}
