using System.Security.Cryptography.X509Certificates;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>The certificate given to <see cref="ConnctdConnectorBuilder.ProtectKeyRingWithCertificate"/>.</summary>
internal sealed record KeyRingCertificate(X509Certificate2 Certificate);
