namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>The result of <see cref="IThingSynchronizer.PlanAsync(CancellationToken)"/> or <see cref="IThingSynchronizer.ApplyAsync(CancellationToken)"/> over every instance.</summary>
/// <param name="Applied">False for a dry run.</param>
/// <param name="Instances">One entry per instance whose things were compared.</param>
public sealed record ThingSyncReport(bool Applied, IReadOnlyList<InstanceSyncReport> Instances)
{
    /// <summary>Things to create (or created).</summary>
    public int MissingCount => Instances.Sum(instance => instance.Missing.Count);

    /// <summary>Things to re-create (or re-created).</summary>
    public int ChangedCount => Instances.Sum(instance => instance.Changed.Count);

    /// <summary>Things to delete (or deleted).</summary>
    public int ObsoleteCount => Instances.Sum(instance => instance.Obsolete.Count);

    /// <summary>True when every instance is in line.</summary>
    public bool IsInLine => Instances.All(instance => instance.IsInLine);
}
