using System.Xml.Linq;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Keeps the Data Protection key ring in the connector's store, beside the tokens it encrypts. Stores no key while the
/// configured protection cannot read the stored ones (see <see cref="KeyRingCheck"/>).
/// </summary>
internal sealed class StoreXmlRepository(IKeyRingStore store, KeyRingCheck check) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.GetKeyElements().Select(xml => XElement.Parse(xml)).ToArray();

    public void StoreElement(XElement element, string friendlyName)
    {
        check.EnsureReadable();
        store.StoreKeyElement(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
