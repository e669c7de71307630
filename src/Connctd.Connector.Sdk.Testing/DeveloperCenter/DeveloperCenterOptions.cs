using Connctd.Connector.Sdk.Configuration;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.Testing;

/// <summary>Options of <see cref="DeveloperCenterServer"/>; every one has a working default.</summary>
public sealed class DeveloperCenterOptions
{
    /// <summary>The default port of <c>connctd dev</c>: a fixed one, so the connector's <c>Connctd:PlatformUrl</c> stays valid across runs.</summary>
    public const int DefaultPort = 5480;

    /// <summary>The port on 127.0.0.1 for the dashboard and the platform API; 0 (the default here) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The publication's private key seed (Base64 of 32 bytes); <see langword="null"/> generates a new key pair.</summary>
    public string? PrivateKeySeedBase64 { get; set; }

    /// <summary>Where the connector serves HTTP, for example <c>http://127.0.0.1:5080/</c>; changeable later with <see cref="DeveloperCenterServer.ConnectorUrl"/>.</summary>
    public Uri ConnectorUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>Where the connector maps its callbacks (<c>MapConnctdConnector</c>); <c>/connctd</c> by default.</summary>
    public string CallbackPath { get; set; } = "/connctd";

    /// <summary>
    /// The connector's configuration parameters (from its schema or publication manifest): the dashboard's install and
    /// instantiate forms are generated from them and secret values (<c>PASSWORD</c>) are masked. Without one, the forms
    /// take free <c>id=value</c> pairs.
    /// </summary>
    public ConnectorConfigurationSchema? Schema { get; set; }

    /// <summary>Where the fake platform logs; nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
