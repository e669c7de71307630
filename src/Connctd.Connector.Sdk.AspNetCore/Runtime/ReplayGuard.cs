using Connctd.Connector.Sdk.AspNetCore.Internal;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// Refuses replayed lifecycle callbacks. The <c>Date</c> window alone lets a callback captured a minute ago be sent
/// again after the platform uninstalled, removed or re-tokened what it created; so every accepted installation,
/// uninstallation, instantiation and instance removal is remembered in the store (shared by replicas) for two windows,
/// and a callback for the same installation or instance is refused (409 <see cref="ErrorCodes.ReplayedCallback"/>) when
/// <list type="bullet">
/// <item>it was accepted before and a later one was accepted since (a replay of superseded state);</item>
/// <item>it was signed before the last accepted one (the platform's own clock orders them);</item>
/// <item>it creates and was signed in the same second as the removal last accepted (the order within a second is unknown; removal wins).</item>
/// </list>
/// The exact repeat of the last accepted callback passes, so a platform retry still gets the recorded answer. Callers
/// hold the subject's callback lock, which makes the check and the record one step across replicas.
/// </summary>
internal sealed class ReplayGuard(
    IConnectorStore store,
    IOptionsMonitor<ConnctdConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorRuntime> logger)
{
    // Beyond two windows, for a clock of ours that steps back a little between accepting and checking.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    public static string InstallationSubject(string installationId) => "installation/" + installationId;

    public static string InstanceSubject(string instanceId) => "instance/" + instanceId;

    /// <summary>
    /// Admits a callback about <paramref name="subject"/> or answers the refusal. An admitted callback that is new is
    /// recorded before the caller acts on it (also for <paramref name="alsoRemoved"/>, the instances an uninstallation
    /// removes), so a crash after this point still refuses the replays it should.
    /// </summary>
    public async Task<CallbackResult?> AdmitAsync(
        string subject, SignedCallback callback, bool isRemoval, IReadOnlyList<string>? alsoRemoved, CancellationToken cancellationToken)
    {
        DateTimeOffset now = timeProvider.GetUtcNow();
        IReadOnlyList<AcceptedCallback> accepted = await store.ListAcceptedCallbacksAsync(subject, now, cancellationToken).ConfigureAwait(false);
        Verdict verdict = Judge(accepted, callback, isRemoval);
        if (verdict is Verdict.Superseded or Verdict.Older or Verdict.CreatedWhileRemoved)
        {
            Log.CallbackReplayRefused(logger, LogValue.Escape(subject), callback.SignedAt, verdict.ToString());
            return CallbackResult.Error(StatusCodes.Status409Conflict, ErrorCodes.ReplayedCallback, Description(verdict));
        }

        if (verdict == Verdict.New)
        {
            DateTimeOffset expiresAt = ExpiresAt(now);
            var records = new List<AcceptedCallback>(1 + (alsoRemoved?.Count ?? 0))
            {
                new(subject, callback.SignatureHash, callback.SignedAt, isRemoval, now, expiresAt),
            };
            foreach (string removed in alsoRemoved ?? [])
            {
                records.Add(new AcceptedCallback(removed, callback.SignatureHash, callback.SignedAt, IsRemoval: true, now, expiresAt));
            }

            await store.RecordAcceptedCallbacksAsync(records, CancellationToken.None).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>How a callback relates to those accepted for its subject (oldest first).</summary>
    internal static Verdict Judge(IReadOnlyList<AcceptedCallback> accepted, SignedCallback callback, bool isRemoval)
    {
        if (accepted.Count == 0)
        {
            return Verdict.New;
        }

        AcceptedCallback last = accepted[^1];
        if (last.SignatureHash == callback.SignatureHash)
        {
            return Verdict.Repeat;
        }

        foreach (AcceptedCallback earlier in accepted)
        {
            if (earlier.SignatureHash == callback.SignatureHash)
            {
                return Verdict.Superseded;
            }
        }

        if (callback.SignedAt < last.SignedAt)
        {
            return Verdict.Older;
        }

        // HTTP-dates have whole seconds: a creation of the second its subject was removed in cannot be ordered.
        return !isRemoval && last.IsRemoval && callback.SignedAt < last.SignedAt.AddSeconds(1) && IsWholeSecond(callback.SignedAt)
            ? Verdict.CreatedWhileRemoved
            : Verdict.New;
    }

    private static bool IsWholeSecond(DateTimeOffset time) => time.UtcTicks % TimeSpan.TicksPerSecond == 0;

    private DateTimeOffset ExpiresAt(DateTimeOffset now)
    {
        TimeSpan keep = options.CurrentValue.AllowedClockSkew * 2 + ExpiryMargin;
        return DateTimeOffset.MaxValue - now > keep ? now + keep : DateTimeOffset.MaxValue;
    }

    private static string Description(Verdict verdict) => verdict switch
    {
        Verdict.Superseded => "This callback was accepted before and a later one for the same installation or instance has been accepted since; a replay is refused.",
        Verdict.Older => "A callback signed later for the same installation or instance has been accepted; this older one is refused as a replay.",
        _ => "The installation or instance was removed by a callback signed in the same second; a creation signed then is refused as a replay.",
    };

    /// <summary>The relation of a callback to the accepted ones of its subject.</summary>
    internal enum Verdict
    {
        /// <summary>Not seen and not older: admitted and recorded.</summary>
        New,

        /// <summary>The last accepted callback again: admitted (the runtime answers as recorded).</summary>
        Repeat,

        /// <summary>Accepted before, but a later one since: refused.</summary>
        Superseded,

        /// <summary>Signed before the last accepted one: refused.</summary>
        Older,

        /// <summary>A creation signed in the second of the last accepted removal: refused.</summary>
        CreatedWhileRemoved,
    }
}
