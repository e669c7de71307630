using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.Signing;
using Connctd.Connector.Sdk.Storage;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The hosting package's metrics on the meter <see cref="ConnctdDiagnostics.MeterName"/> and its traces on the activity
/// source <see cref="ConnctdDiagnostics.ActivitySourceName"/>. Instrument names are listed in <see cref="ConnctdMetricNames"/>.
/// </summary>
internal sealed class ConnctdMetrics
{
    private readonly Counter<long> _callbacks;
    private readonly Counter<long> _signatureRejections;
    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _upgrades;
    private int _upgradesFailing;
    private OutboxStatistics _statistics = new(0, null, 0);
    private readonly TimeProvider _timeProvider;

    public ConnctdMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        Meter meter = meterFactory.Create(ConnctdDiagnostics.MeterName);
        _callbacks = meter.CreateCounter<long>(ConnctdMetricNames.Callbacks, "{callback}", "Callbacks answered, by kind and status code.");
        _signatureRejections = meter.CreateCounter<long>(ConnctdMetricNames.SignatureRejections, "{callback}", "Callbacks refused by the signature check, by reason.");
        _enqueued = meter.CreateCounter<long>(ConnctdMetricNames.OutboxEnqueued, "{message}", "Platform calls handed to the outbox, by operation and result (enqueued, coalesced, full).");
        _deliveries = meter.CreateCounter<long>(ConnctdMetricNames.OutboxDeliveries, "{attempt}", "Outbox delivery attempts, by operation and outcome (delivered, retried, dead_lettered).");
        meter.CreateObservableGauge(ConnctdMetricNames.OutboxDepth, () => Volatile.Read(ref _statistics).Depth, "{message}", "Messages waiting in the outbox.");
        meter.CreateObservableGauge(ConnctdMetricNames.OutboxOldestAge, () => OldestAge().TotalSeconds, "s", "Age of the oldest message in the outbox.");
        _upgrades = meter.CreateCounter<long>(ConnctdMetricNames.Upgrades, "{run}", "Upgrade hook runs, by kind (installation, instance) and outcome (succeeded, failed).");
        meter.CreateObservableGauge(ConnctdMetricNames.UpgradesFailing, () => Volatile.Read(ref _upgradesFailing), "{subject}", "Installations and instances whose last upgrade attempt on this replica failed.");
        meter.CreateObservableGauge(ConnctdMetricNames.OutboxDeadLetters, () => Volatile.Read(ref _statistics).DeadLetters, "{message}", "Messages in the dead-letter table.");
    }

    public OutboxStatistics LastStatistics => Volatile.Read(ref _statistics);

    public void UpdateStatistics(OutboxStatistics statistics) => Volatile.Write(ref _statistics, statistics);

    public TimeSpan OldestAge() =>
        Volatile.Read(ref _statistics).OldestEnqueuedAt is { } oldest ? _timeProvider.GetUtcNow() - oldest : TimeSpan.Zero;

    /// <summary>Starts the span of a callback (see <see cref="CallbackActivity"/>).</summary>
    public static Activity? StartCallback(string kind) => CallbackActivity.Start(kind);

    public void CallbackAnswered(Activity? activity, string kind, int statusCode)
    {
        // The status code tag boxes an int: only record when someone listens.
        if (_callbacks.Enabled)
        {
            _callbacks.Add(1, new KeyValuePair<string, object?>(ConnctdTagNames.CallbackKind, kind), new KeyValuePair<string, object?>(ConnctdTagNames.CallbackStatusCode, statusCode));
        }

        CallbackActivity.Answered(activity, statusCode);
    }

    public void SignatureRejected(SignatureVerificationResult reason) =>
        _signatureRejections.Add(1, new KeyValuePair<string, object?>(ConnctdTagNames.SignatureRejectionReason, reason.ToString()));

    public void OutboxEnqueued(OutboxOperation operation, OutboxEnqueueResult result) =>
        _enqueued.Add(1, new KeyValuePair<string, object?>(ConnctdTagNames.OutboxOperation, operation.ToString()), new KeyValuePair<string, object?>(ConnctdTagNames.OutboxResult, result.ToString()));

    public void OutboxDelivered(OutboxOperation operation, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>(ConnctdTagNames.OutboxOperation, operation.ToString()), new KeyValuePair<string, object?>(ConnctdTagNames.OutboxOutcome, outcome));

    public void UpgradeRan(string kind, string outcome) =>
        _upgrades.Add(1, new KeyValuePair<string, object?>(ConnctdTagNames.UpgradeKind, kind), new KeyValuePair<string, object?>(ConnctdTagNames.UpgradeOutcome, outcome));

    public void UpdateUpgradesFailing(int count) => Volatile.Write(ref _upgradesFailing, count);
}
