namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>Registered by <c>AddConnctdConnector</c> so that <c>MapConnctdConnector</c> can tell it was called.</summary>
internal sealed class ConnctdConnectorMarker;
