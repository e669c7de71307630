using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Data Protection isolates payloads by an application discriminator that defaults to the content root path, so a host
/// on the same store but in another directory (a new release folder, a container with another working directory, a
/// second replica) could not decrypt the stored tokens. When the key ring lives in the store (the default), the
/// discriminator is pinned to a fixed name, unless the application chose its own with <c>SetApplicationName</c>.
/// </summary>
internal sealed class PinApplicationDiscriminator(IServiceProvider services, IOptions<KeyManagementOptions> keyManagement)
    : IPostConfigureOptions<DataProtectionOptions>
{
    internal const string ApplicationName = "Connctd.Connector.Sdk";

    public void PostConfigure(string? name, DataProtectionOptions options)
    {
        if (keyManagement.Value.XmlRepository is StoreXmlRepository &&
            string.Equals(options.ApplicationDiscriminator, services.GetApplicationUniqueIdentifier(), StringComparison.Ordinal))
        {
            options.ApplicationDiscriminator = ApplicationName;
        }
    }
}
