namespace Connctd.Connector.Sdk.AspNetCore.Endpoints;

/// <summary>The five callbacks of the protocol.</summary>
internal enum CallbackKind
{
    Install,
    Uninstall,
    Instantiate,
    RemoveInstance,
    Action,
}
