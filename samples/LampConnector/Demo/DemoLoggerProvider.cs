namespace LampConnector.Demo;

/// <summary>Shows the connector's own log lines inside the demo's steps, one line each.</summary>
internal sealed class DemoLoggerProvider(DemoConsole console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new DemoLogger(console, categoryName);

    public void Dispose()
    {
    }

    private sealed class DemoLogger(DemoConsole console, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string source = category.StartsWith("Connctd.Connector.Sdk", StringComparison.Ordinal) ? "sdk"
                : category.StartsWith("LampConnector", StringComparison.Ordinal) ? "lamps"
                : "host";
            string level = logLevel switch
            {
                LogLevel.Warning => "warn ",
                LogLevel.Error or LogLevel.Critical => "error ",
                _ => "",
            };
            console.Connector($"{source}: {level}{formatter(state, exception)}");
        }
    }
}
