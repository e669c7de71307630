using System.Text.Json;
using Connctd.Connector.Sdk.AspNetCore.Outbox;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// Finishes an instance outside its callback: creates its things, records the outcome and reports COMPLETE or FAILED
/// through the outbox and the instance state API (background thing creation, and an ongoing instance reported complete by the connector).
/// </summary>
internal sealed class InstanceCompletion(
    IConnectorStore store,
    ThingCreator thingCreator,
    ConnectorOutbox outbox,
    TimeProvider timeProvider,
    ILogger<InstanceCompletion> logger)
{
    public async Task<ThingCreationResult> CompleteAsync(string instanceId, JsonElement? details, CancellationToken cancellationToken)
    {
        InstanceRecord instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException("instance", instanceId);
        if (instance.ThingCreation != ThingCreationStatus.InProgress)
        {
            instance = instance with { ThingCreation = ThingCreationStatus.InProgress, UpdatedAt = timeProvider.GetUtcNow() };
            await store.SaveInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        ThingCreationResult result;
        try
        {
            result = await thingCreator.CreateAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.BackgroundCreationFailed(logger, exception, instanceId);
            result = ThingCreationResult.Failed("Creating the instance's things failed.");
        }

        LifecycleState state = result.Succeeded ? LifecycleState.Complete : LifecycleState.Failed;
        ThingCreationStatus creation = result.Succeeded ? ThingCreationStatus.Completed : ThingCreationStatus.Failed;
        await store.UpdateInstanceStateAsync(instanceId, state, creation, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        JsonElement? reportDetails = result.Succeeded ? details : FailureDetails(result);
        await outbox.UpdateInstanceStateAsync(instanceId, state, reportDetails, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private static JsonElement FailureDetails(ThingCreationResult result) =>
        JsonSerializer.SerializeToElement(
            new ErrorResponse { Error = result.ErrorCode ?? ErrorCodes.ThingCreationFailed, Description = result.Description ?? "", Status = 0 },
            ConnctdJson.GetTypeInfo<ErrorResponse>());
}
