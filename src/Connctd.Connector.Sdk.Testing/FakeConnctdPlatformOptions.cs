using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>Options of <see cref="FakeConnctdPlatform"/>; every one has a working default.</summary>
public sealed class FakeConnctdPlatformOptions
{
    /// <summary>The port on 127.0.0.1 the platform API listens on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The publication's private key seed (Base64 of 32 bytes, as <see cref="Signing.RequestSigner.ExportPrivateKeySeedBase64"/>
    /// writes it), to keep the same key pair across runs; <see langword="null"/> (the default) generates a new pair.
    /// </summary>
    public string? PrivateKeySeedBase64 { get; set; }

    /// <summary>
    /// How long the <c>WaitFor…</c> assertions wait when no timeout is given; 10 seconds by default. An upper bound
    /// only: they return as soon as the expectation holds.
    /// </summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for <c>Date</c> headers, recorded times, time-limited faults and timeouts; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the fake platform logs what it receives, refuses and injects; nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
