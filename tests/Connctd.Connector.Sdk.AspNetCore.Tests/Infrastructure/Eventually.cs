namespace Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;

/// <summary>Waits for background work by polling; the timeout is only a generous upper bound, never an assertion about speed.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Gave up waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Gave up waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what = "a value", TimeSpan? timeout = null)
        where T : class
    {
        T? value = null;
        await UntilAsync(async () => (value = await probe()) is not null, what, timeout);
        return value!;
    }
}
