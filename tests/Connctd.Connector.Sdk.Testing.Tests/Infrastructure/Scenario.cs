namespace Connctd.Connector.Sdk.Testing.Tests.Infrastructure;

/// <summary>A fake platform, the probe connector on Kestrel, one installation and one instance with two lamp things.</summary>
public sealed class Scenario : IAsyncDisposable
{
    private Scenario(FakeConnctdPlatform platform, ConnectorHost host, ConnectorUnderTest connector, FakeInstance instance)
    {
        Platform = platform;
        Host = host;
        Connector = connector;
        Instance = instance;
    }

    public FakeConnctdPlatform Platform { get; }

    public ConnectorHost Host { get; }

    public ConnectorUnderTest Connector { get; }

    public FakeInstance Instance { get; }

    public string InstallationToken => Platform.GetInstallation(Instance.InstallationId)!.Token;

    public static async Task<Scenario> StartAsync(FakeConnctdPlatformOptions? options = null)
    {
        FakeConnctdPlatform platform = await FakeConnctdPlatform.StartAsync(options);
        ConnectorHost host = await ConnectorHost.StartAsync(platform);
        ConnectorUnderTest connector = host.Connect(platform);
        SetupCallbackResponse instance = await connector.InstallAndInstantiateAsync();
        await platform.WaitForThingsAsync(instance.Id, 2);
        return new Scenario(platform, host, connector, platform.GetInstance(instance.Id)!);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
