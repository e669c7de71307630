using System.Net;
using Connctd.Connector.Sdk.Http;
using Connctd.Connector.Sdk.AspNetCore.Storage;
using Connctd.Connector.Sdk.Signing;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>Validates <see cref="ConnctdConnectorOptions"/> at start-up with messages that say what to fix.</summary>
internal sealed class ConnctdConnectorOptionsValidator : IValidateOptions<ConnctdConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnctdConnectorOptions options)
    {
        List<string> failures = [];
        if (options.BindingErrors is { } bindingErrors)
        {
            failures.AddRange(bindingErrors);
        }

        IReadOnlyList<string> keys = options.GetAllPublicKeys();
        if (keys.Count == 0)
        {
            failures.Add("No public key is configured. Set Connctd:PublicKey (environment variable Connctd__PublicKey) to the Base64 public key shown when the connector was published, or list several under Connctd:PublicKeys.");
        }

        ValidatePublicKey("Connctd:PublicKey", options.PublicKey, failures);
        for (int i = 0; i < options.PublicKeys.Count; i++)
        {
            ValidatePublicKey($"Connctd:PublicKeys:{i}", options.PublicKeys[i], failures);
        }

        if (options.KeyRing?.Key is { } keyRingKey && !KeyRingKey.TryParse(keyRingKey, out _))
        {
            failures.Add("Connctd:KeyRing:Key (environment variable Connctd__KeyRing__Key) must be Base64 of 32 random bytes, for example from 'openssl rand -base64 32'.");
        }

        if (options.PlatformUrl is null || !options.PlatformUrl.IsAbsoluteUri ||
            (options.PlatformUrl.Scheme != Uri.UriSchemeHttps && options.PlatformUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Connctd:PlatformUrl ('{options.PlatformUrl}') must be an absolute http or https URL, for example https://connectors.connctd.io/api/v1/.");
        }
        else if (options.PlatformUrl.Query.Length > 0 || options.PlatformUrl.Fragment.Length > 0)
        {
            failures.Add($"Connctd:PlatformUrl ('{options.PlatformUrl}') must not have a query or fragment.");
        }

        if (options.Resilience is null)
        {
            failures.Add("Connctd:Resilience is missing.");
        }
        else
        {
            ResilienceOptionsRules.Check(options.Resilience, "Connctd:Resilience:", failures);
        }

        if (options.AllowedClockSkew <= TimeSpan.Zero || options.AllowedClockSkew > TimeSpan.FromHours(1))
        {
            failures.Add($"Connctd:AllowedClockSkew ({options.AllowedClockSkew}) must be more than zero and at most one hour; the default is 00:05:00.");
        }

        if (options.AbandonedActionTimeout <= TimeSpan.Zero || options.AbandonedActionTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"Connctd:AbandonedActionTimeout ({options.AbandonedActionTimeout}) must be more than zero and at most one day; the default is 00:02:00.");
        }

        if (options.MaxRequestBodySize < 1024)
        {
            failures.Add($"Connctd:MaxRequestBodySize ({options.MaxRequestBodySize}) must be at least 1024 bytes; the default is 65536.");
        }

        ValidateSignedUrl(options.SignedUrl, failures);
        ValidateUpgrade(options.Upgrade, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePublicKey(string configurationKey, string? key, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(key) && !ConnectorPublicKey.TryParse(key.Trim(), out _, out string? error))
        {
            failures.Add($"{configurationKey} ('{key.Trim()}') is unusable: {error} Use the Base64 value of the 32-byte Ed25519 public key shown when the connector was published.");
        }
    }

    private static void ValidateSignedUrl(SignedUrlOptions signedUrl, List<string> failures)
    {
        switch (signedUrl.Mode)
        {
            case SignedUrlMode.Direct:
                break;
            case SignedUrlMode.PublicBaseUrl:
                if (signedUrl.PublicBaseUrl is not { IsAbsoluteUri: true } url ||
                    (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.Query))
                {
                    failures.Add($"Connctd:SignedUrl:PublicBaseUrl ('{signedUrl.PublicBaseUrl}') must be the absolute URL the platform calls, such as https://lamps.example.com, without a query, when Connctd:SignedUrl:Mode is PublicBaseUrl.");
                }

                break;
            case SignedUrlMode.ForwardedHeaders:
                if (signedUrl.TrustedProxies.Count == 0)
                {
                    failures.Add("Connctd:SignedUrl:TrustedProxies must list the proxies (IP addresses or CIDR networks) whose X-Forwarded-* headers are trusted when Connctd:SignedUrl:Mode is ForwardedHeaders.");
                }

                foreach (string proxy in signedUrl.TrustedProxies)
                {
                    if (!TryParseProxy(proxy, out _))
                    {
                        failures.Add($"Connctd:SignedUrl:TrustedProxies entry '{proxy}' is neither an IP address nor a CIDR network such as 10.0.0.0/8.");
                    }
                }

                break;
            default:
                failures.Add($"Connctd:SignedUrl:Mode ('{signedUrl.Mode}') must be Direct, PublicBaseUrl or ForwardedHeaders.");
                break;
        }
    }

    internal static bool TryParseProxy(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }

    private static void ValidateUpgrade(UpgradeOptions? upgrade, List<string> failures)
    {
        if (upgrade is null)
        {
            failures.Add("Connctd:Upgrade is missing.");
            return;
        }

        if (upgrade.Version < 0)
        {
            failures.Add($"Connctd:Upgrade:Version ({upgrade.Version}) must be 0 (take Connector.Version) or a positive connector version.");
        }

        for (int i = 0; i < upgrade.Installations.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(upgrade.Installations[i]))
            {
                failures.Add($"Connctd:Upgrade:Installations:{i} is empty; list installation ids to roll out to, or leave the list out for every installation.");
            }
        }

        for (int i = 0; i < upgrade.Instances.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(upgrade.Instances[i]))
            {
                failures.Add($"Connctd:Upgrade:Instances:{i} is empty; list instance ids to roll out to, or leave the list out for every instance.");
            }
        }

        if (upgrade.LeaseDuration < TimeSpan.FromSeconds(1) || upgrade.LeaseDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Connctd:Upgrade:LeaseDuration ({upgrade.LeaseDuration}) must be between 00:00:01 and 01:00:00; the default is 00:01:00.");
        }

        if (upgrade.RetryDelay <= TimeSpan.Zero || upgrade.RetryDelay > upgrade.MaxRetryDelay)
        {
            failures.Add($"Connctd:Upgrade:RetryDelay ({upgrade.RetryDelay}) must be more than zero and at most Connctd:Upgrade:MaxRetryDelay ({upgrade.MaxRetryDelay}); the defaults are 00:00:05 and 00:10:00.");
        }

        if (upgrade.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"Connctd:Upgrade:MaxRetryDelay ({upgrade.MaxRetryDelay}) must be at most one day; the default is 00:10:00.");
        }

        if (upgrade.PollInterval < TimeSpan.FromMilliseconds(10) || upgrade.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Connctd:Upgrade:PollInterval ({upgrade.PollInterval}) must be between 00:00:00.010 and 01:00:00; the default is 00:00:30.");
        }
    }
}
