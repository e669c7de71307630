using Connctd.Connector.Sdk.DeveloperCenter.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Testing;
using Microsoft.Playwright;

namespace Connctd.Connector.Sdk.DeveloperCenter.Tests;

/// <summary>The dashboard in headless Chromium, driving the Lamp sample connector through the Developer Center.</summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private readonly DashboardSession _session = new();

    private IPage Page => _session.Page;

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task Action_PressedOnTheThing_PropertyValueChangesOnThePage()
    {
        await _session.InstallAndInstantiateOneLampAsync();

        ILocator setOn = Page.Locator("form[data-action='thing-1/lamp/setOn']");
        await setOn.Locator("input[name=on]").FillAsync("true");
        await setOn.GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(Page.Locator("[data-property='thing-1/lamp/on']")).ToHaveTextAsync("true");
        await Assertions.Expect(Page.Locator("#actions tr[data-id='action-1'] td").Nth(4)).ToHaveTextAsync("COMPLETED");
        await Assertions.Expect(Page.Locator("#log")).ToContainTextAsync("PUT connectorhub/callback/instances/things/thing-1/components/lamp/properties/on");
        Assert.Equal("true", _session.Server.Platform.GetPropertyValue("thing-1", "lamp", "on"));

        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "developer-center.png"), FullPage = true });
    }

    [Fact]
    public async Task InstallForm_PasswordParameter_MaskedInTheFormAndOnThePage()
    {
        Assert.Equal("password", await Page.Locator("#install-form input[name=apiKey]").GetAttributeAsync("type"));

        await _session.InstallAndInstantiateOneLampAsync();

        await Assertions.Expect(Page.Locator("#installations tr[data-id='installation-1']")).ToContainTextAsync("apiKey=***");
        Assert.DoesNotContain(DashboardSession.ApiKey, await Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(DashboardSession.ApiKey, _session.Server.Platform.GetInstallation("installation-1")!.Configuration["apiKey"]);
    }

    [Fact]
    public async Task BadCallback_Forged_ListedAsRefused()
    {
        await Page.Locator("#bad-signing").SelectOptionAsync("WrongKey");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send bad callback" }).ClickAsync();

        ILocator row = Page.Locator("#log tr.log-callback").Filter(new() { HasText = "WrongKey" });
        await Assertions.Expect(row.Locator(".verdict")).ToHaveTextAsync("WrongKey callback refused, as it must be");
        await Assertions.Expect(row).ToContainTextAsync("400 BAD_SIGNATURE");
        await Assertions.Expect(row.Locator(".verdict")).ToHaveClassAsync("verdict good");
        Assert.Empty(_session.Server.Platform.Installations);
    }

    [Fact]
    public async Task Fault_503Injected_CallFaultedThenRetriedAndValueArrives()
    {
        await _session.InstallAndInstantiateOneLampAsync();
        await Page.Locator("#fault-form select[name=fault]").SelectOptionAsync("fail");
        await Page.Locator("#fault-form input[name=count]").FillAsync("1");
        await Page.Locator("#fault-form select[name=operation]").SelectOptionAsync("UpdateProperty");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Inject" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#faults")).ToContainTextAsync("503 for the next 1 call (UpdateProperty)");

        ILocator setOn = Page.Locator("form[data-action='thing-1/lamp/setOn']");
        await setOn.Locator("input[name=on]").FillAsync("true");
        await setOn.GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(Page.Locator("[data-property='thing-1/lamp/on']")).ToHaveTextAsync("true");
        await Assertions.Expect(Page.Locator("#log .verdict").Filter(new() { HasText = "fault injected: 503" })).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#faults")).ToContainTextAsync("none");
    }

    [Fact]
    public async Task RemoveAndUninstall_Buttons_StatesShownAsRemoved()
    {
        await _session.InstallAndInstantiateOneLampAsync();

        await Page.Locator("#instances tr[data-id='instance-1']").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#instances tr[data-id='instance-1'] .state")).ToContainTextAsync("(removed)");
        await Assertions.Expect(Page.Locator("[data-status='thing-1']")).ToHaveTextAsync("DELETED");

        await Page.Locator("#installations tr[data-id='installation-1']").GetByRole(AriaRole.Button, new() { Name = "Uninstall" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#installations tr[data-id='installation-1'] .state")).ToContainTextAsync("(removed)");
        Assert.True(_session.Server.Platform.GetInstallation("installation-1")!.IsRemoved);
        Assert.Equal(LifecycleState.RemovalOngoing, _session.Server.Platform.GetInstallation("installation-1")!.State);
    }
}
