namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The result of <see cref="IConnectorUpgrader.PlanAsync"/> (a dry run) or <see cref="IConnectorUpgrader.RunAsync"/>.</summary>
/// <param name="TargetVersion">The connector's version.</param>
/// <param name="Applied">False for a dry run.</param>
/// <param name="Scope">The installations and instances it covered.</param>
/// <param name="Subjects">One entry per installation and instance in the scope, installations before their instances.</param>
/// <param name="Things">The thing re-sync of the instances in the scope (planned for a dry run; null when <see cref="IConnectorUpgrader.RunAsync"/> ran the hooks only).</param>
public sealed record UpgradeReport(int TargetVersion, bool Applied, UpgradeScope Scope, IReadOnlyList<SubjectUpgradeReport> Subjects, ThingSyncReport? Things)
{
    /// <summary>How many installations and instances were (or would be) upgraded.</summary>
    public int UpgradedCount => Subjects.Count(subject => subject.Outcome == UpgradeSubjectOutcome.Upgraded);

    /// <summary>How many failed.</summary>
    public int FailedCount => Subjects.Count(subject => subject.Outcome == UpgradeSubjectOutcome.Failed);

    /// <summary>How many still wait: on another replica, a retry time or their installation.</summary>
    public int PendingCount => Subjects.Count(subject => subject.Outcome is UpgradeSubjectOutcome.Waiting or UpgradeSubjectOutcome.Skipped or UpgradeSubjectOutcome.Failed);
}
