using System.Text;
using Connctd.Connector.Sdk.AspNetCore.Tests.Infrastructure;
using Connctd.Connector.Sdk.Protocol;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Endpoints;

/// <summary>
/// Bodies Kestrel cannot read (broken chunked framing, shorter than their Content-Length, stalled below the minimum
/// data rate) are the client's fault: answered 400 / 408 with a protocol error code and logged as a refusal, never as
/// a failed hook with 500.
/// </summary>
public sealed class MalformedRequestTests : HostedTest
{
    private const int HookFailedEvent = 3003;
    private const int RequestUnreadableEvent = 3006;
    private const int RequestBodyBrokenEvent = 3007;

    protected override void Configure(ConnectorTestHost host) =>
        // Kestrel's smallest grace period, so that a stalled body is timed out within seconds, not five.
        host.ConfigureConnector = connector => connector.Services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)));

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("1000000000000000000\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2\r\n{}XX0\r\n\r\n")]
    public async Task Install_MalformedChunkedBody_Answers400MalformedRequestAndLogsNoHookFailure(string chunked)
    {
        RawResponse? response = await RawHttp.SendAsync(Host.BaseAddress, Head("Transfer-Encoding: chunked"), Encoding.ASCII.GetBytes(chunked), endRequest: false);

        // Kestrel closes the connection after the answer; with request bytes left unread that is a reset, which may
        // discard the answer on the way. The log shows it was answered 400 either way.
        if (response is not null)
        {
            ProtocolAssert.Error(response, 400, ErrorCodes.MalformedRequest);
        }

        await Eventually.UntilAsync(() => Host.Logs.GetSnapshot().Any(record => record.Id.Id == RequestUnreadableEvent), "the refusal to be logged");
        AssertLoggedAsClientError(400);
    }

    [Fact]
    public async Task Install_BodyShorterThanContentLengthThenClientCloses_ClosedOrAnswered400AndLoggedAsClientError()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"id":"short-1","token":"t",""");

        // Kestrel treats the client's half-close as the end of the connection, so usually no answer can be sent.
        RawResponse? response = await RawHttp.SendAsync(Host.BaseAddress, Head($"Content-Length: {body.Length + 50}"), body, endRequest: true);

        if (response is not null)
        {
            ProtocolAssert.Error(response, 400, ErrorCodes.MalformedRequest);
        }

        await Eventually.UntilAsync(() => Host.Logs.GetSnapshot().Any(record => record.Id.Id is RequestUnreadableEvent or RequestBodyBrokenEvent), "the refusal to be logged");
        IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records = Host.Logs.GetSnapshot();
        Assert.DoesNotContain(records, record => record.Id.Id == HookFailedEvent);
        Assert.DoesNotContain(records, record => record.Level >= LogLevel.Error);
        Assert.Null(await Host.Store.GetInstallationAsync("short-1", CancellationToken.None));
    }

    [Fact]
    public async Task Install_BodyStalledBelowMinimumDataRate_Answers408RequestTimeout()
    {
        // Part of the body, then nothing: far below 240 bytes per second once the grace period is over.
        byte[] body = Encoding.UTF8.GetBytes("""{"id":"slow-1",""");

        RawResponse? response = await RawHttp.SendAsync(Host.BaseAddress, Head($"Content-Length: {body.Length + 500}"), body, endRequest: false);

        Assert.NotNull(response);
        ProtocolAssert.Error(response, 408, ErrorCodes.RequestTimeout);
        AssertLoggedAsClientError(408);
    }

    private string Head(string framing) => string.Join("\r\n",
        "POST /connctd/installations HTTP/1.1",
        $"Host: {Host.BaseAddress.Authority}",
        "Content-Type: application/json",
        $"Date: {Connctd.Connector.Sdk.Signing.HttpDate.Format(DateTimeOffset.UtcNow)}",
        "Signature: c2lnbmF0dXJl",
        framing);

    private void AssertLoggedAsClientError(int status)
    {
        IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records = Host.Logs.GetSnapshot();
        Assert.DoesNotContain(records, record => record.Id.Id == HookFailedEvent);
        Assert.DoesNotContain(records, record => record.Level >= LogLevel.Error);
        Assert.Contains(records, record => record.Id.Id == RequestUnreadableEvent && record.Level == LogLevel.Warning && record.Message.Contains($"answered {status}", StringComparison.Ordinal));
    }
}
