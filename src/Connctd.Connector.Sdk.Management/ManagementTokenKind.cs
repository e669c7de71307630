namespace Connctd.Connector.Sdk.Management;

/// <summary>Which token a management API call authenticates with.</summary>
public enum ManagementTokenKind
{
    /// <summary>A developer token (login with email and password): publications and installations.</summary>
    Developer,

    /// <summary>A service (app) token (OAuth2 client credentials): instances.</summary>
    Service,
}
