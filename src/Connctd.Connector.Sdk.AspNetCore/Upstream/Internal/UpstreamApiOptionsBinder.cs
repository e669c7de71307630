using Connctd.Connector.Sdk.Http;
using Microsoft.Extensions.Configuration;

namespace Connctd.Connector.Sdk.AspNetCore.Upstream;

/// <summary>
/// Reads <see cref="UpstreamApiOptions"/> from <c>Connctd:Upstream:&lt;name&gt;</c> without reflection, with the platform
/// client's rules for the <c>Resilience</c> section (durations as <c>hh:mm:ss</c>, <c>Backoff</c> None/Constant/Linear/
/// Exponential). Values that cannot be read are reported with their configuration path by validation at start-up.
/// </summary>
internal static class UpstreamApiOptionsBinder
{
    public static void Bind(IConfiguration section, UpstreamApiOptions options)
    {
        var errors = new List<string>();
        if (ResilienceOptionsBinder.Value(section, nameof(UpstreamApiOptions.BaseUrl)) is { } baseUrl)
        {
            if (Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? uri))
            {
                options.BaseUrl = uri;
            }
            else
            {
                errors.Add($"{ResilienceOptionsBinder.PathOf(section, nameof(UpstreamApiOptions.BaseUrl))} '{baseUrl}' is not an absolute address; use for example https://api.example.com/v1/.");
            }
        }

        ReadEnum<UpstreamResilienceScope>(section, nameof(UpstreamApiOptions.Scope), value => options.Scope = value, errors);
        ResilienceOptionsBinder.ReadBool(section, nameof(UpstreamApiOptions.TrackThingAvailability), value => options.TrackThingAvailability = value, errors);
        ResilienceOptionsBinder.ReadInt(section, nameof(UpstreamApiOptions.MaxResponseBytes), value => options.MaxResponseBytes = value, errors);
        options.Resilience ??= new();
        ResilienceOptionsBinder.BindResilience(section.GetSection(nameof(UpstreamApiOptions.Resilience)), options.Resilience, errors);

        IConfigurationSection auth = section.GetSection(nameof(UpstreamApiOptions.Authentication));
        UpstreamAuthenticationOptions target = options.Authentication ??= new();
        ReadKind(auth, value => target.Kind = value, errors);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.ApiKeyName), value => target.ApiKeyName = value);
        ReadEnum<UpstreamApiKeyLocation>(auth, nameof(UpstreamAuthenticationOptions.ApiKeyLocation), value => target.ApiKeyLocation = value, errors);
        if (auth[nameof(UpstreamAuthenticationOptions.ApiKeyPrefix)] is { } prefix)
        {
            target.ApiKeyPrefix = prefix; // kept as written: a prefix often ends in a space
        }

        ReadString(auth, nameof(UpstreamAuthenticationOptions.ApiKeyFrom), value => target.ApiKeyFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.UsernameFrom), value => target.UsernameFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.PasswordFrom), value => target.PasswordFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.TokenFrom), value => target.TokenFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.ClientIdFrom), value => target.ClientIdFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.ClientSecretFrom), value => target.ClientSecretFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.TokenUrlFrom), value => target.TokenUrlFrom = value);
        ReadString(auth, nameof(UpstreamAuthenticationOptions.Scope), value => target.Scope = value);
        ResilienceOptionsBinder.ReadBool(auth, nameof(UpstreamAuthenticationOptions.SendClientCredentialsInBody), value => target.SendClientCredentialsInBody = value, errors);
        ResilienceOptionsBinder.ReadDuration(auth, nameof(UpstreamAuthenticationOptions.RefreshBeforeExpiry), value => target.RefreshBeforeExpiry = value, errors);
        if (ResilienceOptionsBinder.Value(auth, nameof(UpstreamAuthenticationOptions.TokenUrl)) is { } tokenUrl)
        {
            if (Uri.TryCreate(tokenUrl, UriKind.Absolute, out Uri? uri))
            {
                target.TokenUrl = uri;
            }
            else
            {
                errors.Add($"{ResilienceOptionsBinder.PathOf(auth, nameof(UpstreamAuthenticationOptions.TokenUrl))} '{tokenUrl}' is not an absolute address.");
            }
        }

        if (errors.Count > 0)
        {
            (options.BindingErrors ??= []).AddRange(errors);
        }
    }

    private static void ReadString(IConfiguration section, string key, Action<string> set)
    {
        if (ResilienceOptionsBinder.Value(section, key) is { } value)
        {
            set(value);
        }
    }

    private static void ReadEnum<TEnum>(IConfiguration section, string key, Action<TEnum> set, List<string> errors)
        where TEnum : struct, Enum
    {
        if (ResilienceOptionsBinder.Value(section, key) is not { } text)
        {
            return;
        }

        if (!char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse(text, ignoreCase: true, out TEnum value) && Enum.IsDefined(value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{ResilienceOptionsBinder.PathOf(section, key)} '{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    /// <summary>Reads the kind; the seed's spellings (<c>api_key</c>, <c>oauth2</c>, <c>bearer</c>) are accepted too.</summary>
    private static void ReadKind(IConfiguration section, Action<UpstreamAuthenticationKind> set, List<string> errors)
    {
        const string key = nameof(UpstreamAuthenticationOptions.Kind);
        string? alias = ResilienceOptionsBinder.Value(section, key)?.ToUpperInvariant() switch
        {
            "API_KEY" => nameof(UpstreamAuthenticationKind.ApiKey),
            "OAUTH2" or "OAUTH2_CLIENT_CREDENTIALS" => nameof(UpstreamAuthenticationKind.OAuth2ClientCredentials),
            "BEARER" or "BEARER_TOKEN" => nameof(UpstreamAuthenticationKind.BearerToken),
            _ => null,
        };
        if (alias is not null)
        {
            set(Enum.Parse<UpstreamAuthenticationKind>(alias));
            return;
        }

        ReadEnum(section, key, set, errors);
    }
}
