namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>A test class with its own connector host per test (xunit creates one instance per test).</summary>
public abstract class HostedTest : IAsyncLifetime
{
    private CallbackSender? _callbacks;

    protected FakePlatformApi Platform { get; } = new();

    protected ConnectorTestHost Host { get; private set; } = null!;

    protected TestConnectorBehavior Behavior => Host.Behavior;

    /// <summary>Signed callbacks to the running host (renewed after a restart, as the port changes).</summary>
    protected CallbackSender Callbacks => _callbacks ??= Host.Callbacks();

    public virtual async Task InitializeAsync()
    {
        Host = ConnectorTestHost.Create(Platform);
        Configure(Host);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _callbacks?.Dispose();
        await Host.DisposeAsync();
        Platform.Dispose();
    }

    /// <summary>Changes the host before it starts.</summary>
    protected virtual void Configure(ConnectorTestHost host)
    {
    }

    protected async Task RestartAsync()
    {
        _callbacks?.Dispose();
        _callbacks = null;
        await Host.RestartAsync();
    }

    /// <summary>Installs <paramref name="installationId"/> and instantiates <paramref name="instanceId"/> with <paramref name="lamps"/> things; asserts both succeed.</summary>
    protected async Task InstallAndInstantiateAsync(
        string installationId = "inst-1",
        string instanceId = "i-1",
        int lamps = 2,
        string installationToken = "installation-token-secret",
        string instanceToken = "instance-token-secret")
    {
        using HttpResponseMessage installed = await Callbacks.InstallAsync(installationId, installationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, installed.StatusCode);
        using HttpResponseMessage instantiated = await Callbacks.InstantiateAsync(
            instanceId, installationId, instanceToken, $$"""[{"id":"lamps","value":"{{lamps}}"}]""");
        Assert.Equal(System.Net.HttpStatusCode.Created, instantiated.StatusCode);
    }
}

/// <summary>One host shared by every test of a class, for tests that only send refused requests.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    public FakePlatformApi Platform { get; } = new();

    public ConnectorTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ConnectorTestHost.Create(Platform).StartAsync();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Platform.Dispose();
    }
}
