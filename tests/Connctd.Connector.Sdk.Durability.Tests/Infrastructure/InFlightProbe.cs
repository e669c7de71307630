namespace Connctd.Connector.Sdk.Durability.Tests.Infrastructure;

/// <summary>
/// Counts the property updates a host's platform client sends, as a message handler in front of its pipeline, so a test
/// knows when deliveries are in flight.
/// </summary>
public sealed class InFlightProbe
{
    private int _started;
    private int _finished;
    private TaskCompletionSource? _hold;

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public DelegatingHandler CreateHandler() => new Handler(this);

    /// <summary>Holds the next property update before it is sent, until the returned source is completed.</summary>
    public TaskCompletionSource HoldNext()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    private sealed class Handler(InFlightProbe probe) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool counted = request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains("/properties/", StringComparison.Ordinal);
            if (counted)
            {
                Interlocked.Increment(ref probe._started);
                if (Interlocked.Exchange(ref probe._hold, null) is { } hold)
                {
                    await hold.Task.WaitAsync(cancellationToken);
                }
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                if (counted)
                {
                    Interlocked.Increment(ref probe._finished);
                }
            }
        }
    }
}
