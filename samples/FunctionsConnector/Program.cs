// The Plug connector as an Azure Functions app (isolated worker, ASP.NET Core HTTP integration).
//   func start                        locally, with Azure Functions Core Tools (settings in local.settings.json)
//   dotnet test samples/FunctionsConnector.Tests   the functions invoked in-process against the fake platform
using FunctionsConnector;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPlugConnector(builder.Configuration);
builder.Build().Run();
