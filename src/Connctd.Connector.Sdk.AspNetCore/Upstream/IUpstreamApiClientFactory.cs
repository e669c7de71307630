namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// Creates <see cref="UpstreamApiClient"/>s for the upstream APIs registered with <c>AddConnctdUpstreamApi</c>, one per
/// tenant and call site: each carries the credentials of its installation or instance. Inject it; it is a singleton.
/// </summary>
/// <remarks>
/// A client created for an instance declares that the instance's things depend on the API: while the API's circuit
/// (see <see cref="UpstreamApiOptions.Scope"/>) is open, they are marked UNAVAILABLE, and AVAILABLE again when it
/// closes (<see cref="UpstreamApiOptions.TrackThingAvailability"/>, <see cref="UpstreamApiOptions.DependentThings"/>).
/// </remarks>
public interface IUpstreamApiClientFactory
{
    /// <summary>
    /// Creates a client for an installation, or for one of its instances. Unless <paramref name="credentials"/> are
    /// given, they are read from the configuration values as <see cref="UpstreamAuthenticationOptions"/> map them
    /// (the instance's values first, then the installation's).
    /// </summary>
    /// <param name="apiName">The name the API was registered with.</param>
    /// <param name="installation">The installation whose credentials are used.</param>
    /// <param name="instance">The instance the calls are for, whose things depend on the API; <see langword="null"/> for installation-level calls.</param>
    /// <param name="credentials">Credentials to use instead of the configuration values.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No API of that name was registered.</exception>
    /// <exception cref="ArgumentException">The instance does not belong to the installation.</exception>
    /// <exception cref="UpstreamApiException">The configuration values hold no credentials (<see cref="UpstreamErrorCodes.MissingCredentials"/>).</exception>
    UpstreamApiClient CreateClient(string apiName, Installation installation, Instance? instance = null, UpstreamCredentials? credentials = null);

    /// <summary>Creates a client for an instance, looking its installation up in the connector's store.</summary>
    /// <param name="apiName">The name the API was registered with.</param>
    /// <param name="instance">The instance, for example from <see cref="IConnectorPlatform.GetInstancesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No API of that name was registered, or no connector store is registered.</exception>
    /// <exception cref="RecordNotFoundException">The instance's installation is not known (it was removed).</exception>
    /// <exception cref="UpstreamApiException">The configuration values hold no credentials (<see cref="UpstreamErrorCodes.MissingCredentials"/>).</exception>
    Task<UpstreamApiClient> CreateClientAsync(string apiName, Instance instance, CancellationToken cancellationToken = default);
}
