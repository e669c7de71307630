using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Storage;

/// <summary>
/// The key ring protected with <c>Connctd:KeyRing:Key</c> or a certificate: a fresh process with the same protection
/// reads what an old one wrote; one with another or none refuses to start with a message naming what is missing,
/// and changes nothing in the store.
/// </summary>
public sealed class KeyRingProtectionTests : IAsyncLifetime
{
    private const string ApiKey = "ApiKey-KeyRing-3b7e11c5";
    private const string InstallationToken = "installation-token-key-ring-5d21";

    private static readonly ConnectorConfigurationSchema Schema = new(installation: [ConfigurationParameter.Password("apiKey", "API key")]);

    private readonly FakePlatformApi _platform = new();
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private ConnectorTestHost _host = null!;
    private string? _configuredKey;
    private X509Certificate2? _certificate;

    public Task InitializeAsync()
    {
        _host = ConnectorTestHost.Create(_platform);
        _host.Configure = configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Connctd:KeyRing:Key"] = _configuredKey });
        _host.ConfigureConnector = connector =>
        {
            connector.UseConfigurationSchema(Schema);
            if (_certificate is not null)
            {
                connector.ProtectKeyRingWithCertificate(_certificate);
            }
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _platform.Dispose();
    }

    [Fact]
    public async Task Key_RestartWithTheSameKey_DecryptsTokensAndSecretValues_AndTheKeyRingIsEncrypted()
    {
        _configuredKey = _key;
        await StartAndInstallAsync();
        Assert.Contains(_host.Logs.GetSnapshot(), record => record.Id.Id == 3023);
        Assert.DoesNotContain(_host.Logs.GetSnapshot(), record => record.Id.Id == 3022);

        await _host.RestartAsync();

        await AssertReadableAsync();
        IReadOnlyList<string> keyRing = await ReadRowsAsync("SELECT xml FROM key_ring ORDER BY rowid;");
        Assert.NotEmpty(keyRing);
        Assert.All(keyRing, xml =>
        {
            Assert.Contains("connctdKeyRingSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Key_RestartWithAnotherKey_FailsAtStartNamingTheSetting_AndChangesNothing()
    {
        _configuredKey = _key;
        await StartAndInstallAsync();
        await _host.StopAsync();
        IReadOnlyList<string> before = await SnapshotAsync();

        _configuredKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(_host.StartAsync);

        Assert.Contains("cannot be decrypted with the configured Connctd:KeyRing:Key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("another key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nothing in the store was changed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        _configuredKey = _key;
        await _host.StartAsync();
        await AssertReadableAsync();
    }

    [Fact]
    public async Task Key_RestartWithoutAKey_FailsAtStartNamingTheSetting_AndChangesNothing()
    {
        _configuredKey = _key;
        await StartAndInstallAsync();
        await _host.StopAsync();
        IReadOnlyList<string> before = await SnapshotAsync();

        _configuredKey = null;
        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(_host.StartAsync);

        Assert.Contains("Connctd:KeyRing:Key is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Connctd__KeyRing__Key", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Certificate_RestartWithTheSameOne_Decrypts_WithAnotherOrNone_FailsAndChangesNothing()
    {
        using X509Certificate2 certificate = CreateCertificate("CN=connctd key ring");
        using X509Certificate2 other = CreateCertificate("CN=another key ring");
        _certificate = certificate;
        await StartAndInstallAsync();
        await _host.RestartAsync();
        await AssertReadableAsync();
        Assert.All(await ReadRowsAsync("SELECT xml FROM key_ring;"), xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        await _host.StopAsync();
        IReadOnlyList<string> before = await SnapshotAsync();

        _certificate = null;
        InvalidOperationException none = await Assert.ThrowsAsync<InvalidOperationException>(_host.StartAsync);
        Assert.Contains("encrypted with a certificate, but none is configured", none.Message, StringComparison.Ordinal);
        Assert.Contains("ProtectKeyRingWithCertificate", none.Message, StringComparison.Ordinal);

        _certificate = other;
        InvalidOperationException another = await Assert.ThrowsAsync<InvalidOperationException>(_host.StartAsync);
        Assert.Contains("another certificate", another.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task NoProtection_WarnsAtStart_AndAProtectionSetLaterStillReadsTheOldKeys()
    {
        await StartAndInstallAsync();
        Assert.Contains(_host.Logs.GetSnapshot(), record => record.Id.Id == 3022 && record.Level == LogLevel.Warning && record.Message.Contains("Connctd:KeyRing:Key", StringComparison.Ordinal));

        _configuredKey = _key;
        await _host.RestartAsync();

        await AssertReadableAsync();
    }

    [Fact]
    public async Task KeyAndCertificate_BothSet_FailsAtStartAskingForOne()
    {
        using X509Certificate2 certificate = CreateCertificate("CN=connctd key ring");
        _configuredKey = _key;
        _certificate = certificate;

        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(_host.StartAsync);

        Assert.Contains("Both Connctd:KeyRing:Key and ProtectKeyRingWithCertificate are set", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_host.Directory, SqliteConnectorStoreOptions.DefaultDatabasePath)), "No key was written.");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task Key_NotBase64Of32Bytes_FailsAtStartNamingTheSetting(string key)
    {
        _configuredKey = key;

        OptionsValidationException failure = await Assert.ThrowsAsync<OptionsValidationException>(_host.StartAsync);

        Assert.Contains("Connctd:KeyRing:Key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
    }

    private async Task StartAndInstallAsync()
    {
        await _host.StartAsync();
        using CallbackSender callbacks = _host.Callbacks();
        using HttpResponseMessage installed = await callbacks.InstallAsync("inst-1", InstallationToken, $$"""[{"id":"apiKey","value":"{{ApiKey}}"}]""");
        await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
    }

    /// <summary>The secret value and the token written before the restart are read back.</summary>
    private async Task AssertReadableAsync()
    {
        Installation installation = Assert.Single(await _host.ConnectorPlatform.GetInstallationsAsync());
        Assert.Equal(ApiKey, installation.Configuration.GetSecret("apiKey"));
        int before = _platform.InstallationStateReports().Count;
        await _host.ConnectorPlatform.ReportInstallationStateAsync("inst-1", Protocol.LifecycleState.Complete);
        await Eventually.UntilAsync(() => _platform.InstallationStateReports().Count > before, "the installation state report");
        Assert.Equal(InstallationToken, FakePlatformApi.BearerToken(_platform.InstallationStateReports()[^1]));
    }

    private async Task<IReadOnlyList<string>> SnapshotAsync() =>
        [
            .. await ReadRowsAsync("SELECT friendly_name || ' ' || xml FROM key_ring ORDER BY rowid;"),
            .. await ReadRowsAsync("SELECT id || ' ' || protected_token || ' ' || configuration || ' ' || coalesce(protected_ids, '') FROM installations ORDER BY id;"),
        ];

    private Task<IReadOnlyList<string>> ReadRowsAsync(string sql) =>
        SqliteRows.ReadAsync(Path.Combine(_host.Directory, SqliteConnectorStoreOptions.DefaultDatabasePath), sql);

    private static X509Certificate2 CreateCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
