using WeatherConnector;

await WeatherConnectorApp.Build(args).RunAsync().ConfigureAwait(false);
