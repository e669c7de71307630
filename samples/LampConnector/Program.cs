// The Lamp connector: a simulated lamp hub behind the connctd connector protocol.
//   dotnet run --project samples/LampConnector -- demo                          the whole protocol against a fake platform
//   dotnet run --project samples/LampConnector -- --urls http://127.0.0.1:5080  the connector as a service
using LampConnector;
using LampConnector.Demo;

if (args is ["demo", ..])
{
    return await LampDemo.RunAsync(args[1..]);
}

WebApplication app = LampConnectorApp.Create(args);
await app.RunAsync();
return 0;
