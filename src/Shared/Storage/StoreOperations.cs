using System.Data.Common;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>
/// The operations both stores run the same way: the same argument checks, one statement each, the same results, the
/// same exceptions and the same log events (through the store's own <c>Log</c>; the store's project imports its root
/// namespace for these shared sources, which also brings its <c>With</c> extensions).
/// </summary>
/// <remarks>
/// <para>Compiled into each store assembly from <c>src/Shared/Storage</c>.</para>
/// <para>
/// The store's own part of this class (<c>Internal/StoreOperations.&lt;Store&gt;.cs</c>) is its dialect: the primary
/// constructor (<c>logger</c>, <c>timeProvider</c>), <c>Sql</c> (the statements), <c>Prefix</c> (how a parameter
/// name is written), <c>OpenReadAsync</c>, <c>OpenWriteAsync</c> and <c>OpenKeyRing</c> (a <c>StoreCommand</c>: the
/// provider's command on the store's connection handling, whose <c>With</c> extensions bind parameters with the
/// store's types), <c>IsForeignKeyViolation</c> and <c>IsUniqueViolation</c> (how the database reports a refused write).
/// </para>
/// </remarks>
internal sealed partial class StoreOperations
{
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var command = await OpenReadAsync(Sql.SelectSchemaVersion, cancellationToken).ConfigureAwait(false);
        await command.Command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<InstallationRecord?> GetInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        using var command = await OpenReadAsync(Sql.SelectInstallation, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "id", installationId);
        return await StoreReader.ReadSingleAsync(command.Command, StoreReader.ReadInstallation, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InstallationRecord>> ListInstallationsAsync(CancellationToken cancellationToken)
    {
        using var command = await OpenReadAsync(Sql.ListInstallations, cancellationToken).ConfigureAwait(false);
        return await StoreReader.ReadAllAsync(command.Command, StoreReader.ReadInstallation, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveInstallationAsync(InstallationRecord installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentException.ThrowIfNullOrEmpty(installation.Id, nameof(installation));
        using var command = await OpenWriteAsync(Sql.UpsertInstallation, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "id", installation.Id)
            .With(Prefix + "protectedToken", installation.ProtectedToken)
            .With(Prefix + "configuration", StoreReader.FormatConfiguration(installation.Configuration))
            .With(Prefix + "state", (int)installation.State)
            .With(Prefix + "createdAt", installation.CreatedAt)
            .With(Prefix + "updatedAt", installation.UpdatedAt)
            .With(Prefix + "answerJson", installation.AnswerJson);
        await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateInstallationStateAsync(
        string installationId,
        LifecycleState state,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        using var command = await OpenWriteAsync(Sql.UpdateInstallationState, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "id", installationId)
            .With(Prefix + "state", (int)state)
            .With(Prefix + "updatedAt", updatedAt);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeleteInstallationAsync(string installationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(installationId);
        using var command = await OpenWriteAsync(Sql.DeleteInstallation, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "id", installationId);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var command = await OpenReadAsync(Sql.SelectInstance, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "id", instanceId);
        return await StoreReader.ReadSingleAsync(command.Command, StoreReader.ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(string? installationId, CancellationToken cancellationToken)
    {
        using var command = await OpenReadAsync(
            installationId is null ? Sql.ListInstances : Sql.ListInstancesOfInstallation,
            cancellationToken).ConfigureAwait(false);
        if (installationId is not null)
        {
            command.Command.With(Prefix + "installationId", installationId);
        }

        return await StoreReader.ReadAllAsync(command.Command, StoreReader.ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InstanceRecord>> ListInstancesByThingCreationAsync(
        ThingCreationStatus status,
        CancellationToken cancellationToken)
    {
        using var command = await OpenReadAsync(Sql.ListInstancesByThingCreation, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "thingCreation", (int)status);
        return await StoreReader.ReadAllAsync(command.Command, StoreReader.ReadInstance, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveInstanceAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id, nameof(instance));
        using var command = await OpenWriteAsync(Sql.UpsertInstance, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "id", instance.Id)
            .With(Prefix + "installationId", instance.InstallationId)
            .With(Prefix + "protectedToken", instance.ProtectedToken)
            .With(Prefix + "configuration", StoreReader.FormatConfiguration(instance.Configuration))
            .With(Prefix + "state", (int)instance.State)
            .With(Prefix + "thingCreation", (int)instance.ThingCreation)
            .With(Prefix + "createdAt", instance.CreatedAt)
            .With(Prefix + "updatedAt", instance.UpdatedAt)
            .With(Prefix + "answerJson", instance.AnswerJson);
        try
        {
            await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            Log.InstallationMissing(logger, instance.Id, instance.InstallationId);
            throw new InvalidOperationException(
                $"Instance '{instance.Id}' cannot be stored: its installation '{instance.InstallationId}' is not known.",
                exception);
        }
    }

    public async Task<bool> UpdateInstanceStateAsync(
        string instanceId,
        LifecycleState state,
        ThingCreationStatus thingCreation,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var command = await OpenWriteAsync(Sql.UpdateInstanceState, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "id", instanceId)
            .With(Prefix + "state", (int)state)
            .With(Prefix + "thingCreation", (int)thingCreation)
            .With(Prefix + "updatedAt", updatedAt);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var command = await OpenWriteAsync(Sql.DeleteInstance, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "id", instanceId);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<ThingMapping?> FindThingAsync(string thingId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        using var command = await OpenReadAsync(Sql.SelectThingByThingId, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "thingId", thingId);
        return await StoreReader.ReadSingleAsync(command.Command, StoreReader.ReadMapping, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ThingMapping?> FindThingByExternalIdAsync(
        string instanceId,
        string externalId,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        using var command = await OpenReadAsync(Sql.SelectThingByExternalId, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "instanceId", instanceId)
            .With(Prefix + "externalId", externalId);
        return await StoreReader.ReadSingleAsync(command.Command, StoreReader.ReadMapping, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ThingMapping>> ListThingsAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var command = await OpenReadAsync(Sql.ListThings, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "instanceId", instanceId);
        return await StoreReader.ReadAllAsync(command.Command, StoreReader.ReadMapping, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteThingCreationAsync(
        string instanceId,
        string externalId,
        string thingId,
        DateTimeOffset createdAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentException.ThrowIfNullOrEmpty(thingId);
        using var command = await OpenWriteAsync(Sql.CompleteThing, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "instanceId", instanceId)
            .With(Prefix + "externalId", externalId)
            .With(Prefix + "thingId", thingId)
            .With(Prefix + "state", (int)ThingMappingState.Created)
            .With(Prefix + "updatedAt", createdAt);
        try
        {
            await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            throw ThingInstanceMissing(instanceId, externalId, "stored", exception);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            Log.ThingIdTaken(logger, thingId, instanceId, externalId);
            throw new InvalidOperationException(
                $"Thing '{externalId}' of instance '{instanceId}' cannot be stored: thing id '{thingId}' is already mapped to another thing.",
                exception);
        }
    }

    /// <remarks>The statement names the whole primary key, so it changes one row or none.</remarks>
    public async Task<bool> UpdateThingTemplateHashAsync(
        string instanceId,
        string externalId,
        string templateHash,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentException.ThrowIfNullOrEmpty(templateHash);
        using var command = await OpenWriteAsync(Sql.UpdateThingTemplateHash, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "instanceId", instanceId)
            .With(Prefix + "externalId", externalId)
            .With(Prefix + "templateHash", templateHash);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeleteThingAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        using var command = await OpenWriteAsync(Sql.DeleteThing, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "instanceId", instanceId)
            .With(Prefix + "externalId", externalId);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> UpdateActionAsync(
        string actionRequestId,
        ActionStatus status,
        string? errorMessage,
        int responseStatusCode,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        using var command = await OpenWriteAsync(Sql.UpdateAction, cancellationToken).ConfigureAwait(false);
        command.Command
            .With(Prefix + "id", actionRequestId)
            .With(Prefix + "status", (int)status)
            .With(Prefix + "error", errorMessage)
            .With(Prefix + "responseStatusCode", responseStatusCode)
            .With(Prefix + "updatedAt", updatedAt);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<ActionRecord?> GetActionAsync(string actionRequestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actionRequestId);
        using var command = await OpenReadAsync(Sql.SelectAction, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "id", actionRequestId);
        return await StoreReader.ReadSingleAsync(command.Command, StoreReader.ReadAction, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteActionsOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        using var command = await OpenWriteAsync(Sql.DeleteActionsOlderThan, cancellationToken).ConfigureAwait(false);
        command.Command.With(Prefix + "olderThan", olderThan);
        return await command.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public IReadOnlyList<string> GetKeyElements()
    {
        using var command = OpenKeyRing(Sql.ListKeyElements);
        return StoreReader.ReadStrings(command.Command);
    }

    public void StoreKeyElement(string friendlyName, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ArgumentNullException.ThrowIfNull(xml);
        using var command = OpenKeyRing(Sql.UpsertKeyElement);
        command.Command
            .With(Prefix + "friendlyName", friendlyName)
            .With(Prefix + "xml", xml)
            .With(Prefix + "createdAt", timeProvider.GetUtcNow());
        command.Command.ExecuteNonQuery();
    }

    /// <summary>Logs and describes a thing that cannot be claimed or stored because its instance is not known.</summary>
    public InvalidOperationException ThingInstanceMissing(string instanceId, string externalId, string verb, Exception exception)
    {
        Log.ThingInstanceMissing(logger, instanceId, externalId);
        return new InvalidOperationException($"Thing '{externalId}' cannot be {verb}: instance '{instanceId}' is not known.", exception);
    }

    /// <summary>Logs and describes an action request that cannot be stored because its instance is not known.</summary>
    public InvalidOperationException ActionInstanceMissing(ActionRecord action, Exception exception)
    {
        Log.ActionInstanceMissing(logger, action.Id, action.InstanceId);
        return new InvalidOperationException(
            $"Action request '{action.Id}' cannot be stored: instance '{action.InstanceId}' is not known.",
            exception);
    }
}
