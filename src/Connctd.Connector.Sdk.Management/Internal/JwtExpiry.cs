using System.IdentityModel.Tokens.Jwt;

namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>Reads the <c>exp</c> claim of a token that is a JWT, without validating it (the client only needs to know when to renew).</summary>
internal static class JwtExpiry
{
    private static readonly JwtSecurityTokenHandler Handler = new();

    public static DateTimeOffset? TryRead(string token)
    {
        try
        {
            if (!Handler.CanReadToken(token))
            {
                return null;
            }

            JwtSecurityToken jwt = Handler.ReadJwtToken(token);
            return jwt.Payload.Expiration is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
