using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// Encrypts the configuration values of the parameters the schema declares secret (<c>PASSWORD</c>) before a record
/// reaches the store, with the same Data Protection key ring as the tokens, and decrypts them into the
/// <see cref="ConfigurationValues"/> the author sees (which masks them everywhere but on purpose). The record lists the
/// ids it protected, so that a change of schema never makes a clear value be taken for a protected one or the reverse.
/// </summary>
internal sealed class ConfigurationProtector
{
    private const string Purpose = "Connctd.Connector.Sdk.Configuration.v1";
    private readonly IDataProtector _protector;
    private readonly ConnectorConfigurationSchema _schema;

    public ConfigurationProtector(IDataProtectionProvider provider, ConnectorConfigurationSchema schema)
    {
        _protector = provider.CreateProtector(Purpose);
        _schema = schema;
    }

    /// <summary>The record with <paramref name="configuration"/> (in clear) as its configuration, the secret values encrypted.</summary>
    public InstallationRecord Protect(InstallationRecord record, IReadOnlyList<ConfigurationValue> configuration)
    {
        (IReadOnlyList<ConfigurationValue> values, IReadOnlyList<string> ids) = Protect(_schema.Installation, configuration);
        return record with { Configuration = values, ProtectedConfigurationIds = ids };
    }

    /// <summary>The record with <paramref name="configuration"/> (in clear) as its configuration, the secret values encrypted.</summary>
    public InstanceRecord Protect(InstanceRecord record, IReadOnlyList<ConfigurationValue> configuration)
    {
        (IReadOnlyList<ConfigurationValue> values, IReadOnlyList<string> ids) = Protect(_schema.Instance, configuration);
        return record with { Configuration = values, ProtectedConfigurationIds = ids };
    }

    /// <summary>
    /// Whether a stored record holds secret values in clear: one written before the store kept the protected ids, or
    /// one whose schema now declares secret a parameter it did not protect.
    /// </summary>
    public bool NeedsProtection(InstallationRecord record) => NeedsProtection(_schema.Installation, record.Configuration, record.ProtectedConfigurationIds);

    /// <inheritdoc cref="NeedsProtection(InstallationRecord)" />
    public bool NeedsProtection(InstanceRecord record) => NeedsProtection(_schema.Instance, record.Configuration, record.ProtectedConfigurationIds);

    /// <summary>The record's values in clear (its secret values decrypted).</summary>
    public IReadOnlyList<ConfigurationValue> Reveal(InstallationRecord record) => Reveal(record.Configuration, record.ProtectedConfigurationIds);

    /// <summary>The record's values in clear (its secret values decrypted).</summary>
    public IReadOnlyList<ConfigurationValue> Reveal(InstanceRecord record) => Reveal(record.Configuration, record.ProtectedConfigurationIds);

    /// <summary>The values the author sees: decrypted, the secret ones masked but on purpose.</summary>
    public ConfigurationValues ToValues(InstallationRecord record) => new(Reveal(record), _schema.Installation);

    /// <summary>The values the author sees: decrypted, the secret ones masked but on purpose.</summary>
    public ConfigurationValues ToValues(InstanceRecord record) => new(Reveal(record), _schema.Instance);

    private (IReadOnlyList<ConfigurationValue> Values, IReadOnlyList<string> Ids) Protect(
        ConfigurationParameterSet parameters, IReadOnlyList<ConfigurationValue> configuration)
    {
        var values = new ConfigurationValue[configuration.Count];
        var ids = new List<string>();
        for (int index = 0; index < configuration.Count; index++)
        {
            ConfigurationValue value = configuration[index];
            if (parameters.Find(value.Id) is { IsSecret: true })
            {
                values[index] = value with { Value = _protector.Protect(value.Value ?? "") };
                if (!ids.Contains(value.Id, StringComparer.Ordinal))
                {
                    ids.Add(value.Id);
                }
            }
            else
            {
                values[index] = value;
            }
        }

        return (values, ids);
    }

    private static bool NeedsProtection(ConfigurationParameterSet parameters, IReadOnlyList<ConfigurationValue> configuration, IReadOnlyList<string>? protectedIds) =>
        configuration.Any(value =>
            parameters.Find(value.Id) is { IsSecret: true } &&
            (protectedIds is null || !protectedIds.Contains(value.Id, StringComparer.Ordinal)));

    private IReadOnlyList<ConfigurationValue> Reveal(IReadOnlyList<ConfigurationValue> configuration, IReadOnlyList<string>? protectedIds)
    {
        if (protectedIds is not { Count: > 0 })
        {
            return configuration;
        }

        return configuration
            .Select(value => protectedIds.Contains(value.Id, StringComparer.Ordinal) ? value with { Value = _protector.Unprotect(value.Value) } : value)
            .ToArray();
    }
}
