// A connector whose installation needs a further step: the app's user must grant consent on a page the connector
// serves itself (as an OAuth provider's consent screen would). The installation answers 202 with a REDIRECT step to
// that page; the page completes (or fails) the installation through the installation state API.
//   Connctd__PublicKey=… Connctd__PlatformUrl=… dotnet run --project samples/ConsentConnector -- --urls http://127.0.0.1:5081
using ConsentConnector;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<ConsentLinks>();
builder.Services.AddConnctdConnector<ConsentRequiringConnector>(builder.Configuration.GetSection("Connctd"));

WebApplication app = builder.Build();
app.MapConnctdConnector("/connctd");
app.MapConsentPages();
app.Run();
