namespace Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;

/// <summary>A test class with a <see cref="TelemetryHost"/> of its own per test (xunit creates one instance per test).</summary>
public abstract class TelemetryTest : IAsyncLifetime
{
    protected TelemetryHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TelemetryHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
