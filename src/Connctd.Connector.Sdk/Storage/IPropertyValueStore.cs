namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// The last reported value of every property (<see cref="ReportedPropertyValue"/>), by instance and external id: what
/// the thing re-sync carries over into a thing it re-creates. Removed with the instance.
/// </summary>
public interface IPropertyValueStore
{
    /// <summary>
    /// Keeps <paramref name="value"/> as the last value of its property, unless the stored one was observed later.
    /// Need not be flushed to disk: a value lost in a power loss only means the re-created thing starts from its
    /// template's value.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    /// <exception cref="InvalidOperationException">The instance is not known.</exception>
    Task RecordPropertyValueAsync(ReportedPropertyValue value, CancellationToken cancellationToken);

    /// <summary>The last values of the properties of one thing, ordered by component and property.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="externalId">The thing's external id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The values; empty when none was reported.</returns>
    Task<IReadOnlyList<ReportedPropertyValue>> ListPropertyValuesAsync(string instanceId, string externalId, CancellationToken cancellationToken);
}
