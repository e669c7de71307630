using System.Net;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>
/// Ids are checked at the edge: at most 256 characters, no control, bidi-control or separator characters, in bodies
/// and in routes; refused with 400 INVALID_ID before any hook or store sees them, and never written raw into a log.
/// </summary>
public sealed class CallbackIdTests : HostedTest
{
    // JSON string contents (escapes as the platform would send them).
    public static TheoryData<string> BadIds => new()
    {
        @"inst\r\nforged log line",
        @"a\u0000b",
        @"tab\there",
        @"del\u007F",
        @"c1\u0085",
        @"\u202Egnp.exe",
        @"iso\u2066late",
        @"mark\u200F",
        @"line\u2028sep",
        new string('x', 257),
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Install_BadId_Answers400InvalidIdAndKeepsNothing(string id)
    {
        using HttpResponseMessage response = await Callbacks.InstallAsync(id);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        Assert.Empty(Behavior.Calls);
        Assert.Empty(await Host.Store.ListInstallationsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Instantiate_BadInstanceOrInstallationId_Answers400InvalidId(string id)
    {
        using (HttpResponseMessage installed = await Callbacks.InstallAsync("inst-1"))
        {
            await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        }

        using HttpResponseMessage badInstance = await Callbacks.InstantiateAsync(id, "inst-1");
        using HttpResponseMessage badInstallation = await Callbacks.InstantiateAsync("i-2", id);

        await ProtocolAssert.ErrorAsync(badInstance, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ProtocolAssert.ErrorAsync(badInstallation, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        Assert.Null(await Host.Store.GetInstanceAsync("i-2", CancellationToken.None));
        Assert.Equal(0, Behavior.CallCount("instantiate:"));
    }

    [Theory]
    [InlineData(@"a-\r\n", "thing-1", "lamp", "setOn")]
    [InlineData("a-2", @"thing-1\n", "lamp", "setOn")]
    [InlineData("a-3", "thing-1", @"lamp\u202E", "setOn")]
    [InlineData("a-4", "thing-1", "lamp", @"setOn\u0007")]
    public async Task Act_BadId_Answers400InvalidIdAndRunsNoHook(string id, string thingId, string componentId, string actionId)
    {
        // Refused before the thing is looked up: no thing needs to exist.
        using HttpResponseMessage response = await Callbacks.ActAsync(id, thingId, componentId, actionId);

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        Assert.Equal(0, Behavior.CallCount("action:"));
    }

    [Theory]
    [InlineData("/connctd/installations/inst%0D%0Aforged")]
    [InlineData("/connctd/instances/i%E2%80%AE1")]
    [InlineData("/connctd/instances/i%07")]
    public async Task Delete_BadRouteId_Answers400InvalidIdAndLogsNoRawControlCharacter(string target)
    {
        RawResponse response = await Callbacks.SendRawAsync("DELETE", target);

        ProtocolAssert.Error(response, 400, ErrorCodes.InvalidId);
        Assert.Equal(0, Behavior.CallCount("uninstall:") + Behavior.CallCount("remove:"));
        AssertNoRawControlInLogs();
    }

    [Fact]
    public async Task Delete_RouteIdLongerThanCap_Answers400InvalidId()
    {
        using HttpResponseMessage response = await Callbacks.UninstallAsync(new string('y', 257));

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
    }

    [Fact]
    public async Task InstallThenDelete_IdAtCapInWorstCaseEncoding_Answers201Then204()
    {
        // 128 characters outside the BMP: 256 UTF-16 code units, the cap; 1,536 bytes percent-encoded in the DELETE.
        string id = string.Concat(Enumerable.Repeat("\U0001F4A1", 128));

        using HttpResponseMessage installed = await Callbacks.InstallAsync(id);
        using HttpResponseMessage removed = await Callbacks.UninstallAsync(Uri.EscapeDataString(id));

        await ProtocolAssert.StatusAsync(installed, HttpStatusCode.Created);
        await ProtocolAssert.StatusAsync(removed, HttpStatusCode.NoContent);
        Assert.Null(await Host.Store.GetInstallationAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task HookFailure_IdWithBackslashAndNonAscii_IsAcceptedAndLoggedEscaped()
    {
        Behavior.Install = (_, _) => throw new InvalidOperationException("device down");

        using HttpResponseMessage response = await Callbacks.InstallAsync(@"wohnzimmer-\\-ä");

        await ProtocolAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalServerError);
        Assert.Contains(Host.Logs.GetSnapshot(), record => record.Id.Id == 3003 && record.Message.Contains(@"wohnzimmer-\\-ä", StringComparison.Ordinal));
        AssertNoRawControlInLogs();
    }

    // The SDK's own log lines; ASP.NET Core's request logging ("Request starting …", Information) writes the path as
    // Kestrel decoded it and is the application's to keep at Warning, as the samples do.
    private void AssertNoRawControlInLogs()
    {
        foreach (Microsoft.Extensions.Logging.Testing.FakeLogRecord record in Host.Logs.GetSnapshot().Where(record => record.Category?.StartsWith("Connctd", StringComparison.Ordinal) == true))
        {
            Assert.False(
                record.Message.Any(c => char.IsControl(c) || c is '\u202E' or '\u2028'),
                $"A log line holds a raw control character: {record.Message.ReplaceLineEndings("⏎")}");
        }
    }
}
