using System.Data.Common;
using Connctd.Connector.Sdk.Storage.Relational.Internal;

namespace Connctd.Connector.Sdk.Storage.Relational;

/// <summary>The last reported property values (<see cref="IPropertyValueStore"/>).</summary>
public abstract partial class RelationalConnectorStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Committed so that it survives the end of the process, not flushed: it shares the next flushed commit, and costs the
    /// update it belongs to no flush of its own.
    /// </remarks>
    public async Task RecordPropertyValueAsync(ReportedPropertyValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(value.InstanceId, nameof(value));
        ArgumentNullException.ThrowIfNull(value.ExternalId, nameof(value));
        ArgumentException.ThrowIfNullOrEmpty(value.ComponentId, nameof(value));
        ArgumentException.ThrowIfNullOrEmpty(value.PropertyId, nameof(value));
        ArgumentNullException.ThrowIfNull(value.Value, nameof(value));
        try
        {
            await WriteAsync(
                async (connection, transaction) => await Command(
                    connection,
                    transaction,
                    Statements.UpsertPropertyValue,
                    ("instanceId", value.InstanceId),
                    ("externalId", value.ExternalId),
                    ("componentId", value.ComponentId),
                    ("propertyId", value.PropertyId),
                    ("value", value.Value),
                    ("observedAt", value.ObservedAt)).ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false),
                cancellationToken,
                WriteDurability.ProcessCrash).ConfigureAwait(false);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            throw ThingInstanceMissing(value.InstanceId, value.ExternalId, "given a value", exception);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReportedPropertyValue>> ListPropertyValuesAsync(string instanceId, string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(externalId);
        return ReadManyAsync(Statements.ListPropertyValues, ReadPropertyValue, cancellationToken, ("instanceId", instanceId), ("externalId", externalId));
    }

    private ReportedPropertyValue ReadPropertyValue(DbDataReader reader) => new(
        InstanceId: reader.GetString(0),
        ExternalId: reader.GetString(1),
        ComponentId: reader.GetString(2),
        PropertyId: reader.GetString(3),
        Value: reader.GetString(4),
        ObservedAt: ReadTime(reader, 5));
}
