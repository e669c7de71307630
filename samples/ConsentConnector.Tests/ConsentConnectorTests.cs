using System.Net;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ConsentConnector.Tests;

public sealed class ConsentConnectorTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "consent-connector-tests", Guid.NewGuid().ToString("N"));
    private FakeConnctdPlatform _platform = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _browser = null!;
    private ConnectorUnderTest _connector = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _platform = await FakeConnctdPlatform.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseFakeConnctdPlatform(_platform)
            .UseSetting("Connctd:Sqlite:DatabasePath", Path.Combine(_directory, "consent.db"))
            .ConfigureLogging(logging => logging.ClearProviders()));
        _browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _connector = _platform.ConnectTo(_factory.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _factory.DisposeAsync();
        await _platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Install_Always_AnswersRedirectToItsConsentPage()
    {
        SetupCallbackResponse installation = await _connector.InstallAsync();

        Assert.Equal(202, installation.StatusCode);
        Assert.Equal(LifecycleState.Ongoing, installation.State);
        Assert.Equal(StepType.Redirect, installation.FurtherStep!.Type);
        var page = new Uri(installation.FurtherStep.Content);
        Assert.Equal($"/consent/{installation.Id}", page.AbsolutePath);
        Assert.Equal(LifecycleState.Ongoing, _platform.GetInstallation(installation.Id)!.State);
    }

    [Fact]
    public async Task ConsentPage_Allowed_CompletesTheInstallation()
    {
        SetupCallbackResponse installation = await _connector.InstallAsync();
        Uri page = new(installation.FurtherStep!.Content);

        using HttpResponseMessage shown = await _browser.GetAsync(page.PathAndQuery);
        using HttpResponseMessage answered = await AnswerAsync(page, "allow");
        FakeInstallation complete = await _platform.WaitForInstallationStateAsync(installation.Id, LifecycleState.Complete);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(LifecycleState.Complete, complete.State);
        Assert.Equal(LifecycleState.Complete, Assert.Single(_platform.InstallationStateUpdates).State);
    }

    [Fact]
    public async Task ConsentPage_Denied_FailsTheInstallation()
    {
        SetupCallbackResponse installation = await _connector.InstallAsync();

        using HttpResponseMessage answered = await AnswerAsync(new Uri(installation.FurtherStep!.Content), "deny");
        FakeInstallation failed = await _platform.WaitForInstallationStateAsync(installation.Id, LifecycleState.Failed);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(LifecycleState.Failed, failed.State);
    }

    [Fact]
    public async Task ConsentPage_StateOfAnotherInstallation_RefusedAndStillOngoing()
    {
        SetupCallbackResponse first = await _connector.InstallAsync();
        SetupCallbackResponse second = await _connector.InstallAsync();
        string stateOfFirst = new Uri(first.FurtherStep!.Content).Query;

        using HttpResponseMessage shown = await _browser.GetAsync($"/consent/{second.Id}{stateOfFirst}");
        using HttpResponseMessage answered = await AnswerAsync(new Uri($"http://localhost/consent/{second.Id}{stateOfFirst}"), "allow");

        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, answered.StatusCode);
        Assert.Empty(_platform.InstallationStateUpdates);
        Assert.Equal(LifecycleState.Ongoing, _platform.GetInstallation(second.Id)!.State);
    }

    [Fact]
    public async Task ConsentPage_AlreadyAnswered_NotFound()
    {
        SetupCallbackResponse installation = await _connector.InstallAsync();
        Uri page = new(installation.FurtherStep!.Content);
        using HttpResponseMessage first = await AnswerAsync(page, "allow");
        await _platform.WaitForInstallationStateAsync(installation.Id, LifecycleState.Complete);

        using HttpResponseMessage again = await AnswerAsync(page, "deny");

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(LifecycleState.Complete, _platform.GetInstallation(installation.Id)!.State);
    }

    private Task<HttpResponseMessage> AnswerAsync(Uri page, string decision)
    {
        string state = Uri.UnescapeDataString(page.Query["?state=".Length..]);
        return _browser.PostAsync(page.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = state, ["decision"] = decision }));
    }
}
