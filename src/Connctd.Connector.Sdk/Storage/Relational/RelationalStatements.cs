namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>
/// The SQL text of every operation of a <see cref="RelationalConnectorStore"/>, in the dialect of its database.
/// Values always travel as parameters, named as the summaries say (written with the dialect's prefix, such as
/// <c>$id</c> or <c>@id</c>); statements that read records select the columns of <see cref="RelationalColumns"/>
/// in that order.
/// </summary>
/// <remarks>
/// A new store writes these once (for its table names and syntax) and runs the store conformance suite against them.
/// </remarks>
public sealed class RelationalStatements
{
    /// <summary>The highest applied schema version (0 when none); also the store's ping.</summary>
    public required string SelectSchemaVersion { get; init; }

    /// <summary>One installation by <c>id</c>, with the columns of <see cref="RelationalColumns.Installation"/>.</summary>
    public required string SelectInstallation { get; init; }

    /// <summary>Every installation, ordered by id.</summary>
    public required string ListInstallations { get; init; }

    /// <summary>Inserts an installation or replaces the one with its <c>id</c> (keeping <c>created_at</c>); parameters <c>id, protectedToken, configuration, state, createdAt, updatedAt, answerJson, protectedIds</c>.</summary>
    public required string UpsertInstallation { get; init; }

    /// <summary>Sets <c>state</c> and <c>updatedAt</c> of the installation <c>id</c>.</summary>
    public required string UpdateInstallationState { get; init; }

    /// <summary>Deletes the installation <c>id</c>; the schema's cascades delete its instances, thing mappings and action records.</summary>
    public required string DeleteInstallation { get; init; }

    /// <summary>One instance by <c>id</c>, with the columns of <see cref="RelationalColumns.Instance"/>.</summary>
    public required string SelectInstance { get; init; }

    /// <summary>Every instance, ordered by id.</summary>
    public required string ListInstances { get; init; }

    /// <summary>The instances of <c>installationId</c>, ordered by id.</summary>
    public required string ListInstancesOfInstallation { get; init; }

    /// <summary>The instances whose thing creation is <c>thingCreation</c>, ordered by id.</summary>
    public required string ListInstancesByThingCreation { get; init; }

    /// <summary>Inserts an instance or replaces the one with its <c>id</c> (keeping <c>created_at</c>); parameters <c>id, installationId, protectedToken, configuration, state, thingCreation, createdAt, updatedAt, answerJson, protectedIds</c>.</summary>
    public required string UpsertInstance { get; init; }

    /// <summary>Sets <c>state</c>, <c>thingCreation</c> and <c>updatedAt</c> of the instance <c>id</c>.</summary>
    public required string UpdateInstanceState { get; init; }

    /// <summary>Deletes the instance <c>id</c> with its thing mappings and action records.</summary>
    public required string DeleteInstance { get; init; }

    /// <summary>The mapping of the platform thing id <c>thingId</c>, with the columns of <see cref="RelationalColumns.Mapping"/>.</summary>
    public required string SelectThingByThingId { get; init; }

    /// <summary>The mapping of <c>thingId</c> joined with its instance: the columns of <see cref="RelationalColumns.Mapping"/>, then those of <see cref="RelationalColumns.Instance"/>.</summary>
    public required string SelectThingWithInstance { get; init; }

    /// <summary>The mapping of <c>instanceId</c> and <c>externalId</c>.</summary>
    public required string SelectThingByExternalId { get; init; }

    /// <summary>The mappings of <c>instanceId</c>, ordered by external id.</summary>
    public required string ListThings { get; init; }

    /// <summary>Inserts a mapping (<c>instanceId, externalId, state, updatedAt</c>, no thing id) unless one exists; affects one row when it inserted.</summary>
    public required string ClaimThing { get; init; }

    /// <summary>Inserts or updates the mapping of <c>instanceId, externalId</c> with <c>thingId, state, updatedAt</c>.</summary>
    public required string CompleteThing { get; init; }

    /// <summary>Sets <c>templateHash</c> of the mapping <c>instanceId, externalId</c>.</summary>
    public required string UpdateThingTemplateHash { get; init; }

    /// <summary>Deletes the mapping <c>instanceId, externalId</c>.</summary>
    public required string DeleteThing { get; init; }

    /// <summary>One action record by <c>id</c>, with the columns of <see cref="RelationalColumns.Action"/>.</summary>
    public required string SelectAction { get; init; }

    /// <summary>Inserts an action record unless one with its <c>id</c> exists; affects one row when it inserted.</summary>
    public required string InsertActionIfNew { get; init; }

    /// <summary>Sets <c>status, error, responseStatusCode, updatedAt</c> of the action record <c>id</c>.</summary>
    public required string UpdateAction { get; init; }

    /// <summary>As <see cref="UpdateAction"/>, only while the record's <c>response_status_code</c> is 0 (no outcome recorded).</summary>
    public required string FinishUnfinishedAction { get; init; }

    /// <summary>Deletes the action records updated before <c>olderThan</c>.</summary>
    public required string DeleteActionsOlderThan { get; init; }

    /// <summary>The key ring's XML elements in the order they were first stored.</summary>
    public required string ListKeyElements { get; init; }

    /// <summary>Stores a key ring element (<c>friendlyName, xml, createdAt</c>), replacing the XML of one with the same name.</summary>
    public required string UpsertKeyElement { get; init; }

    /// <summary>Replaces the <c>payload</c> of the newest outbox message with <c>coalescingKey</c> when it is not leased; returns its id, or no row.</summary>
    public required string CoalesceMessage { get; init; }

    /// <summary>Inserts an outbox message (<c>operation, targetId, orderingKey, coalescingKey, payload, enqueuedAt, attempts, nextAttemptAt, lastError</c>) unless the outbox holds <c>capacity</c> messages and none has its coalescing key; returns its id, or no row.</summary>
    public required string InsertMessage { get; init; }

    /// <summary>Leases (<c>owner, leaseExpiresAt</c>) up to <c>maxCount</c> due messages (<c>now</c>) that are the oldest of their ordering key, none of whose key is leased; returns them with the columns of <see cref="RelationalColumns.OutboxMessage"/>, in any order.</summary>
    public required string LeaseMessages { get; init; }

    /// <summary>Deletes the message <c>id</c> if <c>owner</c> holds its lease.</summary>
    public required string CompleteMessage { get; init; }

    /// <summary>Releases the message <c>id</c> held by <c>owner</c> with <c>attempts, nextAttemptAt, lastError</c>.</summary>
    public required string RetryMessageLater { get; init; }

    /// <summary>Moves the message <c>id</c> held by <c>owner</c> to the dead letters (one attempt more, <c>error</c> as its last error, <c>statusCode, failedAt</c>); affects rows only when it moved it.</summary>
    public required string DeadLetterMessage { get; init; }

    /// <summary>The distinct <c>lease_owner</c> values of leased messages.</summary>
    public required string ListLeaseOwners { get; init; }

    /// <summary>Clears the lease of every message <c>owner</c> holds.</summary>
    public required string ReleaseLeases { get; init; }

    /// <summary>One row: the number of messages, the oldest enqueue time (or null), the number of dead letters.</summary>
    public required string SelectOutboxStatistics { get; init; }

    /// <summary>Up to <c>maxCount</c> dead letters, newest first, with the columns of <see cref="RelationalColumns.DeadLetter"/>.</summary>
    public required string ListDeadLetters { get; init; }

    /// <summary>The coalescing key of the dead letter <c>id</c> (one row, possibly null), locking it where the database can; no row when there is none.</summary>
    public required string SelectDeadLetterKey { get; init; }

    /// <summary>Deletes the dead letter <c>id</c> and queues its message again (attempts 0, due at <c>now</c>) unless a message with its coalescing key is queued.</summary>
    public required string RequeueDeadLetter { get; init; }

    /// <summary>Deletes the dead letter <c>id</c>; affects one row when there was one.</summary>
    public required string DeleteDeadLetter { get; init; }
    /// <summary>The accepted callbacks of <c>subject</c> whose <c>expires_at</c> is after <c>now</c>, oldest accepted first, with the columns of <see cref="RelationalColumns.AcceptedCallback"/>.</summary>
    public required string ListAcceptedCallbacks { get; init; }

    /// <summary>Deletes the accepted callbacks whose <c>expires_at</c> is at or before <c>now</c>.</summary>
    public required string PurgeAcceptedCallbacks { get; init; }

    /// <summary>Inserts an accepted callback (<c>subject, signatureHash, signedAt, isRemoval, acceptedAt, expiresAt</c>) unless one with its subject and signature hash exists.</summary>
    public required string InsertAcceptedCallback { get; init; }

    /// <summary>Inserts an up-to-date upgrade record (<c>subject, version, updatedAt</c>; attempts 0, nothing else) unless the subject has one; affects one row when it inserted.</summary>
    public required string InsertUpgradeIfAbsent { get; init; }

    /// <summary>The upgrade record of <c>subject</c>, with the columns of <see cref="RelationalColumns.Upgrade"/>.</summary>
    public required string SelectUpgrade { get; init; }

    /// <summary>Every upgrade record, ordered by subject.</summary>
    public required string ListUpgrades { get; init; }

    /// <summary>
    /// Claims the record of <c>subject</c> for <c>owner</c> (<c>targetVersion</c>, status running, attempts one more, or 1
    /// when it was up to date, <c>leaseExpiresAt</c>, <c>now</c> as update time) when its version is below
    /// <c>targetVersion</c>, its lease is free or expired at <c>now</c> and its next attempt time is null or has come;
    /// returns the claimed row with the columns of <see cref="RelationalColumns.Upgrade"/>, or no row.
    /// </summary>
    public required string ClaimUpgrade { get; init; }

    /// <summary>Sets <c>lease_expires_at</c> to <c>leaseExpiresAt</c> of the record <c>subject</c> held by <c>owner</c>.</summary>
    public required string RenewUpgradeLease { get; init; }

    /// <summary>Of the record <c>subject</c> held by <c>owner</c>: version becomes its target, status up to date, target, error, lease and next attempt cleared, <c>updatedAt</c>.</summary>
    public required string CompleteUpgrade { get; init; }

    /// <summary>Of the record <c>subject</c> held by <c>owner</c>: status failed, <c>error</c>, <c>nextAttemptAt</c>, lease cleared, <c>updatedAt</c>.</summary>
    public required string FailUpgrade { get; init; }

    /// <summary>Deletes the upgrade record <c>subject</c>.</summary>
    public required string DeleteUpgrade { get; init; }

    /// <summary>
    /// Inserts the value (<c>instanceId, externalId, componentId, propertyId, value, observedAt</c>) of a property, or
    /// replaces the stored one unless that was observed later; a foreign key violation when the instance is not known.
    /// </summary>
    public required string UpsertPropertyValue { get; init; }

    /// <summary>The values of the thing <c>instanceId, externalId</c>, ordered by component and property, with the columns of <see cref="RelationalColumns.PropertyValue"/>.</summary>
    public required string ListPropertyValues { get; init; }
}
