using System.Xml.Linq;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>Keeps the Data Protection key ring in the connector's store, beside the tokens it encrypts.</summary>
internal sealed class StoreXmlRepository(IKeyRingStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.GetKeyElements().Select(xml => XElement.Parse(xml)).ToArray();

    public void StoreElement(XElement element, string friendlyName) =>
        store.StoreKeyElement(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
