using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Puts the Data Protection key ring into the connector's store unless the application chose another repository
/// (for example with <c>PersistKeysToFileSystem</c>) or the store cannot keep keys.
/// </summary>
internal sealed class ConfigureKeyRingInStore(IConnectorStore store, KeyRingCheck check) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        if (options.XmlRepository is null && store is IKeyRingStore keyRing)
        {
            options.XmlRepository = new StoreXmlRepository(keyRing, check);
        }
    }
}
