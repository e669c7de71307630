using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>
/// What the dashboard's buttons do: <c>install</c>, <c>instantiate</c>, <c>action</c>, <c>remove-instance</c>,
/// <c>uninstall</c> and <c>bad-callback</c> send callbacks to the connector; <c>fault</c> changes the platform API's faults.
/// </summary>
internal sealed class DashboardCommands(DeveloperCenterServer server)
{
    private const string BadCommand = "BAD_COMMAND";
    private const string ConnectorUnreachable = "CONNECTOR_UNREACHABLE";

    public async Task<Outcome> RunAsync(string name, DashboardCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return name switch
            {
                "install" => Result(await server.Connector.InstallAsync(command.Configuration, Optional(command.Id), cancellationToken: cancellationToken).ConfigureAwait(false)),
                "instantiate" => Require(command.InstallationId, "installationId") ?? Result(await server.Connector.InstantiateAsync(
                    command.InstallationId!, command.Configuration, Optional(command.Id), cancellationToken: cancellationToken).ConfigureAwait(false)),
                "action" => Require(command.ThingId, "thingId") ?? Require(command.ComponentId, "componentId") ?? Require(command.ActionId, "actionId") ??
                    Result(await server.Connector.SendActionAsync(
                        command.ThingId!, command.ComponentId!, command.ActionId!, command.Parameters, cancellationToken: cancellationToken).ConfigureAwait(false)),
                "remove-instance" => Require(command.Id, "id") ?? Result(command.Id!, await server.Connector.RemoveInstanceAsync(command.Id!, cancellationToken: cancellationToken).ConfigureAwait(false)),
                "uninstall" => Require(command.Id, "id") ?? Result(command.Id!, await server.Connector.UninstallAsync(command.Id!, cancellationToken: cancellationToken).ConfigureAwait(false)),
                "bad-callback" => await BadCallbackAsync(command, cancellationToken).ConfigureAwait(false),
                "fault" => Fault(command),
                _ => Outcome.Error(404, ErrorCodes.NotFound, $"The Developer Center has no command '{name}'."),
            };
        }
        catch (HttpRequestException exception)
        {
            return Outcome.Error(502, ConnectorUnreachable, $"The connector at {server.ConnectorUrl} could not be reached: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Error(504, ConnectorUnreachable, $"The connector at {server.ConnectorUrl} did not answer in time.");
        }
    }

    private async Task<Outcome> BadCallbackAsync(DashboardCommand command, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse(command.Signing, ignoreCase: false, out CallbackSigning signing) || signing == CallbackSigning.Valid || !Enum.IsDefined(signing))
        {
            return Outcome.Error(400, BadCommand, "signing must be WrongKey, TamperedBody, StaleDate, MissingSignature or MissingDate.");
        }

        // An installation callback as an attacker (or a replay) would send it; the platform's records do not change.
        SetupCallbackResponse answer = await server.Connector.InstallAsync(command.Configuration, "forged-" + Guid.NewGuid().ToString("N")[..8], signing, cancellationToken).ConfigureAwait(false);
        return Result(answer.Id, answer);
    }

    private Outcome Fault(DashboardCommand command)
    {
        PlatformOperation? operation = null;
        if (!string.IsNullOrEmpty(command.Operation))
        {
            if (!Enum.TryParse(command.Operation, ignoreCase: false, out PlatformOperation parsed) || parsed == PlatformOperation.Unknown || !Enum.IsDefined(parsed))
            {
                return Outcome.Error(400, BadCommand, $"operation '{command.Operation}' is not a platform call; leave it empty for every call.");
            }

            operation = parsed;
        }

        int count = command.Count ?? 1;
        PlatformFaults faults = server.Platform.Faults;
        try
        {
            switch (command.Fault)
            {
                case "fail":
                    faults.FailNext(count, command.StatusCode ?? 503, operation);
                    break;
                case "rateLimit":
                    faults.RateLimitNext(count, TimeSpan.FromSeconds(command.Seconds ?? 1), operation);
                    break;
                case "latency":
                    faults.AddLatency(TimeSpan.FromMilliseconds(command.Milliseconds ?? 1000), command.Count, operation);
                    break;
                case "drop":
                    faults.DropNext(count, operation);
                    break;
                case "clear":
                    faults.Clear();
                    break;
                default:
                    return Outcome.Error(400, BadCommand, "fault must be fail, rateLimit, latency, drop or clear.");
            }
        }
        catch (ArgumentOutOfRangeException exception)
        {
            return Outcome.Error(400, BadCommand, exception.Message);
        }

        return new Outcome(200, null, null, new DashboardCommandResult(command.Fault, 200, "faults: " + string.Join("; ", faults.Describe()), null, null));
    }

    private static string? Optional(string? id) => string.IsNullOrWhiteSpace(id) ? null : id;

    private static Outcome? Require(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? Outcome.Error(400, BadCommand, $"The command needs {name}.") : null;

    private static Outcome Result(SetupCallbackResponse answer) => Result(answer.Id, answer, DashboardSnapshotBuilder.Name(answer.State));

    private static Outcome Result(ActionCallbackResponse answer) => Result(answer.ActionRequestId, answer, DashboardSnapshotBuilder.Name(answer.Status));

    private static Outcome Result(string id, CallbackResponse answer, string? outcome = null) => new(
        200, null, null, new DashboardCommandResult(id, answer.StatusCode, outcome ?? (answer.IsSuccessStatusCode ? "done" : "refused"), answer.ErrorCode, answer.ErrorDescription));

    /// <summary>The command's answer: a result, or an error in the protocol's format.</summary>
    internal readonly record struct Outcome(int Status, string? ErrorCode, string? Description, DashboardCommandResult? Result)
    {
        public static Outcome Error(int status, string code, string description) => new(status, code, description, null);
    }
}
