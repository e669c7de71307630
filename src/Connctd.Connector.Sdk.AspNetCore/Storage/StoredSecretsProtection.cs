using System.Runtime.CompilerServices;
using Connctd.Connector.Sdk.AspNetCore.Runtime;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Storage;

/// <summary>
/// The data step of the migration that added <see cref="InstallationRecord.ProtectedConfigurationIds"/>: at start-up,
/// once the store's schema is current and before the server takes callbacks, encrypts the values of PASSWORD
/// parameters that stored rows still hold in clear (rows written by an earlier version, or before the schema declared
/// the parameter secret). It needs the Data Protection keys, so it cannot run in the schema migration. Each row is
/// re-read and rewritten under its callback locks (installation, then instance, as the callbacks take them), so a
/// replica answering a callback meanwhile is never overwritten; a row already protected is left as it is, so running
/// it again, on every start and on every replica, changes nothing.
/// </summary>
internal sealed class StoredSecretsProtection(
    IConnectorStore store,
    ConfigurationProtector configuration,
    ConnectorConfigurationSchema schema,
    ILogger<StoredSecretsProtection> logger) : IHostedService
{
    private readonly CallbackLocks _locks = new(store);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!schema.Installation.Any(parameter => parameter.IsSecret) && !schema.Instance.Any(parameter => parameter.IsSecret))
        {
            return;
        }

        int protectedRows = 0;
        foreach (InstallationRecord listed in await store.ListInstallationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!configuration.NeedsProtection(listed))
            {
                continue;
            }

            await using ConfiguredAsyncDisposable held = await _locks.AcquireAsync(ConnectorRuntime.InstallationKey(listed.Id), cancellationToken).ConfigureAwait(false);
            if (await store.GetInstallationAsync(listed.Id, cancellationToken).ConfigureAwait(false) is { } current && configuration.NeedsProtection(current))
            {
                await store.SaveInstallationAsync(configuration.Protect(current, configuration.Reveal(current)), cancellationToken).ConfigureAwait(false);
                protectedRows++;
            }
        }

        foreach (InstanceRecord listed in await store.ListInstancesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (!configuration.NeedsProtection(listed))
            {
                continue;
            }

            await using ConfiguredAsyncDisposable installationHeld = await _locks.AcquireAsync(ConnectorRuntime.InstallationKey(listed.InstallationId), cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable held = await _locks.AcquireAsync(ConnectorRuntime.InstanceKey(listed.Id), cancellationToken).ConfigureAwait(false);
            if (await store.GetInstanceAsync(listed.Id, cancellationToken).ConfigureAwait(false) is { } current && configuration.NeedsProtection(current))
            {
                await store.SaveInstanceAsync(configuration.Protect(current, configuration.Reveal(current)), cancellationToken).ConfigureAwait(false);
                protectedRows++;
            }
        }

        if (protectedRows > 0)
        {
            Log.StoredSecretsProtected(logger, protectedRows);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
