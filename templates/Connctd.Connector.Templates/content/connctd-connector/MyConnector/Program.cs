using MyConnector;

await ConnectorApp.Build(args).RunAsync();
