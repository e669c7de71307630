namespace Connctd.Connector.Sdk.Storage.Internal;

/// <summary>
/// The argument checks of the outbox operations, the same in both stores (each store keeps its own statements and
/// transactions). Parameter names match those of <see cref="IOutboxStore"/>, so the exceptions name the caller's argument.
/// </summary>
internal static class OutboxArguments
{
    public static void CheckEnqueue(OutboxMessage message, long capacity)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.TargetId, nameof(message));
        ArgumentException.ThrowIfNullOrEmpty(message.OrderingKey, nameof(message));
        ArgumentNullException.ThrowIfNull(message.Payload, nameof(message));
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
    }

    public static void CheckLease(string owner, int maxCount, TimeSpan leaseDuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
    }

    public static void CheckOwner(string owner) => ArgumentException.ThrowIfNullOrEmpty(owner);

    public static void CheckRetryLater(string owner, string lastError)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(lastError);
    }

    public static void CheckDeadLetter(string owner, string errorMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(errorMessage);
    }

    public static void CheckMaxCount(int maxCount) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
}
