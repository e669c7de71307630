using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// Creates the things of instances answered with 202 in <see cref="ThingCreationMode.Background"/>, one instance at a
/// time. At start-up it picks up instances a previous run left unfinished.
/// </summary>
internal sealed class ThingCreationWorker(
    IConnectorStore store,
    ThingCreationQueue queue,
    InstanceCompletion completion,
    ILogger<ThingCreationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<InstanceRecord> unfinished = await store.ListInstancesByThingCreationAsync(ThingCreationStatus.InProgress, stoppingToken).ConfigureAwait(false);
        List<InstanceRecord> resumable = unfinished.Where(instance => instance.State == Protocol.LifecycleState.Ongoing).ToList();
        if (resumable.Count > 0)
        {
            Log.ResumingThingCreation(logger, resumable.Count);
            foreach (InstanceRecord instance in resumable)
            {
                queue.Enqueue(instance.Id);
            }
        }

        await foreach (string instanceId in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                InstanceRecord? instance = await store.GetInstanceAsync(instanceId, stoppingToken).ConfigureAwait(false);
                if (instance is { ThingCreation: ThingCreationStatus.InProgress })
                {
                    await completion.CompleteAsync(instanceId, null, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.BackgroundCreationFailed(logger, exception, instanceId);
            }
        }
    }
}
