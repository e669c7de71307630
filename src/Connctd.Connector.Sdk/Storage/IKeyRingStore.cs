namespace Connctd.Connector.Sdk.Storage;

/// <summary>
/// Keeps the XML elements of the key ring that encrypts tokens (ASP.NET Core Data Protection keys) in the same
/// store as the tokens, so a restart, a new container or a second replica can decrypt every token.
/// The calls are synchronous because Data Protection's key repository is.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Returns every stored key element, oldest first.</summary>
    /// <returns>The XML of each element.</returns>
    IReadOnlyList<string> GetKeyElements();

    /// <summary>Stores a key element. Storing the same friendly name again replaces it.</summary>
    /// <param name="friendlyName">The element's name given by Data Protection (unique).</param>
    /// <param name="xml">The element's XML.</param>
    void StoreKeyElement(string friendlyName, string xml);
}
