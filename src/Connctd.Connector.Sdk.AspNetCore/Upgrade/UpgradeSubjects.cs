namespace Connctd.Connector.Sdk.AspNetCore.Upgrade;

/// <summary>The subjects of <see cref="Connctd.Connector.Sdk.Storage.IUpgradeStore"/>: <c>installation/&lt;id&gt;</c> and <c>instance/&lt;id&gt;</c>.</summary>
internal static class UpgradeSubjects
{
    public const string InstallationKind = "installation";

    public const string InstanceKind = "instance";

    public static string Installation(string id) => InstallationKind + "/" + id;

    public static string Instance(string id) => InstanceKind + "/" + id;
}
