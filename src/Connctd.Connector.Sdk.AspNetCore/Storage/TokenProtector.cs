using Connctd.Connector.Sdk.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>Encrypts tokens before they reach the store and decrypts them when they are needed, with ASP.NET Core Data Protection.</summary>
internal sealed class TokenProtector
{
    private const string Purpose = "Connctd.Connector.Sdk.Tokens.v1";
    private readonly IDataProtector _protector;

    public TokenProtector(IDataProtectionProvider provider) => _protector = provider.CreateProtector(Purpose);

    public string Protect(SecretToken token) => _protector.Protect(token.Reveal());

    public InstallationToken UnprotectInstallationToken(string protectedToken) => new(_protector.Unprotect(protectedToken));

    public InstanceToken UnprotectInstanceToken(string protectedToken) => new(_protector.Unprotect(protectedToken));
}
