using Connctd.Connector.Sdk.Cli;

return await CliApplication.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
