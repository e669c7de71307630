// The Lamp connector: a simulated lamp hub behind the connctd connector protocol.
//   dotnet run --project samples/LampConnector -- demo                          the whole protocol against a fake platform
//   dotnet run --project samples/LampConnector -- --urls http://127.0.0.1:5080  the connector as a service
using LampConnector;
using LampConnector.Demo;
using Microsoft.Extensions.Options;

if (args is ["demo", ..])
{
    return await LampDemo.RunAsync(args[1..]);
}

WebApplication app = LampConnectorApp.Create(args);
try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException exception)
{
    // A missing or malformed setting stops the connector at start, with a message that says what to fix.
    Console.Error.WriteLine();
    Console.Error.WriteLine("The Lamp connector cannot start:");
    foreach (string failure in exception.Failures)
    {
        Console.Error.WriteLine("  - " + failure);
    }

    Console.Error.WriteLine("To see it work without any setup: dotnet run --project samples/LampConnector -- demo");
    return 1;
}
