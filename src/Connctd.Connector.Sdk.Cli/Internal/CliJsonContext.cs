using System.Text.Json;
using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Management;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Cli.Internal;

/// <summary>The tool's <c>--json</c> output: camelCase, indented, enums by their platform names (<c>COMPLETE</c>, <c>REDIRECT</c>).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UpperSnakeCaseEnumConverter<LifecycleState>), typeof(UpperSnakeCaseEnumConverter<StepType>)])]
[JsonSerializable(typeof(ConnectorPublication))]
[JsonSerializable(typeof(IReadOnlyList<ConnectorPublication>))]
[JsonSerializable(typeof(ConnectorInstallation))]
[JsonSerializable(typeof(IReadOnlyList<ConnectorInstallation>))]
[JsonSerializable(typeof(ConnectorInstance))]
[JsonSerializable(typeof(IReadOnlyList<ConnectorInstance>))]
[JsonSerializable(typeof(InstallationRemoval))]
[JsonSerializable(typeof(KeyPairOutput))]
[JsonSerializable(typeof(CallbackOutput))]
[JsonSerializable(typeof(DevOutput))]
[JsonSerializable(typeof(ErrorOutput))]
[JsonSerializable(typeof(RolloutOutput))]
[JsonSerializable(typeof(IReadOnlyList<UpgradeStatusRow>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>The output of <c>keys generate</c>.</summary>
internal sealed record KeyPairOutput(string PublicKey, string? PrivateKey, string? PrivateKeyFile);

/// <summary>The output of a <c>callback</c> command: what the connector answered.</summary>
internal sealed record CallbackOutput(string Method, string Url, string Id, int Status, JsonElement? Body, string? Text);

/// <summary>The output of <c>dev</c> at start: the addresses and the settings the connector needs.</summary>
internal sealed record DevOutput(
    string DashboardUrl, string PlatformUrl, string PublicKey, string KeyPair, bool KeyPairCreated, string ConnectorUrl, IReadOnlyList<string> CallbackUrls, int? ConnectorProcessId);

/// <summary>An error, written to standard error with <c>--json</c>.</summary>
internal sealed record ErrorOutput(int ExitCode, string Code, string Message, int? Status, string? RequestId, IReadOnlyList<string> Details);

/// <summary>The output of <c>upgrade rollout</c>: the targets and the environment variables that start the connector for them.</summary>
internal sealed record RolloutOutput(IReadOnlyList<string> Installations, IReadOnlyList<string> Instances, int? Version, bool DryRun, IReadOnlyDictionary<string, string> Environment);

/// <summary>One row of <c>upgrade status</c>.</summary>
internal sealed record UpgradeStatusRow(
    string Kind, string Id, string InstallationId, int Version, string Status, int Attempts, int? TargetVersion, string? LastError, bool? WouldUpgrade);
