using Microsoft.AspNetCore.DataProtection;

namespace ConsentConnector;

/// <summary>
/// Makes and checks consent links: <c>{base}/consent/{installationId}?state=…</c>, where the state is the installation
/// id protected with ASP.NET Core Data Protection for one hour. Nothing has to be stored, a restart does not break a
/// link (the SDK keeps the key ring in its store), and a link for one installation cannot be used for another.
/// </summary>
public sealed class ConsentLinks(IDataProtectionProvider dataProtection, IHttpContextAccessor http, IConfiguration configuration)
{
    /// <summary>How long a consent link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector("ConsentConnector.Consent.v1").ToTimeLimitedDataProtector();

    /// <summary>
    /// The consent page of an installation. Its base is <c>Consent:PublicBaseUrl</c> when configured (behind a proxy),
    /// else the scheme and host the platform called the connector at.
    /// </summary>
    public Uri Create(string installationId)
    {
        string baseUrl = configuration["Consent:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : http.HttpContext is { } context
                ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
                : throw new InvalidOperationException("Set Consent:PublicBaseUrl: there is no request to take the connector's address from.");
        string state = _protector.Protect(installationId, Lifetime);
        return new Uri($"{baseUrl}/consent/{Uri.EscapeDataString(installationId)}?state={Uri.EscapeDataString(state)}");
    }

    /// <summary>Whether <paramref name="state"/> was made for <paramref name="installationId"/> and has not expired.</summary>
    public bool IsValid(string installationId, string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(state) == installationId;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
