// The durability tests' child connector: `dotnet Connctd.Connector.Sdk.Durability.ChildHost.dll --urls http://127.0.0.1:0`
// with Connctd__PublicKey, Connctd__PlatformUrl, … in the environment and its SQLite file in the working directory.
// It prints "LISTENING <address>" once it takes callbacks, then runs until stopped or killed.
using Connctd.Connector.Sdk.Durability.ChildHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

WebApplication app = DurabilityApp.Create(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine("LISTENING " + address);
await app.WaitForShutdownAsync();
