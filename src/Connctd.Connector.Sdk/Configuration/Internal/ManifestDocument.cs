namespace Connctd.Connector.Sdk.Configuration.Internal;

/// <summary>
/// The JSON form of a <see cref="ConnectorManifest"/>: settable properties, so fields a file leaves out keep their
/// defaults (the source generator would set init-only properties of the record to <c>default</c>).
/// </summary>
internal sealed class ManifestDocument
{
    public string Name { get; set; } = "";

    public Uri? LogoUrl { get; set; }

    public Uri? HomeUrl { get; set; }

    public string Description { get; set; } = "";

    public string Requirements { get; set; } = "";

    public IReadOnlyList<string> Tags { get; set; } = [];

    public PublicationMode Mode { get; set; } = PublicationMode.Private;

    public IReadOnlyList<ConfigurationParameter> ConfigurationParameters { get; set; } = [];

    public IReadOnlyList<ConfigurationParameter> CustomerConfigurationParameters { get; set; } = [];

    public Uri? InstallationCallbackUrl { get; set; }

    public Uri? InstanceCallbackUrl { get; set; }

    public Uri? ActionCallbackUrl { get; set; }

    public static ManifestDocument From(ConnectorManifest manifest) => new()
    {
        Name = manifest.Name,
        LogoUrl = manifest.LogoUrl,
        HomeUrl = manifest.HomeUrl,
        Description = manifest.Description,
        Requirements = manifest.Requirements,
        Tags = manifest.Tags,
        Mode = manifest.Mode,
        ConfigurationParameters = manifest.ConfigurationParameters,
        CustomerConfigurationParameters = manifest.CustomerConfigurationParameters,
        InstallationCallbackUrl = manifest.InstallationCallbackUrl,
        InstanceCallbackUrl = manifest.InstanceCallbackUrl,
        ActionCallbackUrl = manifest.ActionCallbackUrl,
    };

    public ConnectorManifest ToManifest() => new()
    {
        Name = Name,
        LogoUrl = LogoUrl,
        HomeUrl = HomeUrl,
        Description = Description,
        Requirements = Requirements,
        Tags = Tags,
        Mode = Mode,
        ConfigurationParameters = ConfigurationParameters,
        CustomerConfigurationParameters = CustomerConfigurationParameters,
        InstallationCallbackUrl = InstallationCallbackUrl,
        InstanceCallbackUrl = InstanceCallbackUrl,
        ActionCallbackUrl = ActionCallbackUrl,
    };
}
