using System.Diagnostics;
using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Diagnostics;
using Connctd.Connector.Sdk.OpenTelemetry.Tests.Infrastructure;
using Connctd.Connector.Sdk.Testing;

namespace Connctd.Connector.Sdk.OpenTelemetry.Tests;

/// <summary>The span <c>connctd.callback {kind}</c>: every kind, under ASP.NET Core's server span, with its answer.</summary>
public sealed class CallbackSpanTests : TelemetryTest
{
    [Fact]
    public async Task Callbacks_EveryKind_InternalSpanUnderAspNetCoreServerSpan()
    {
        Setup setup = await Host.InstantiateAsync();
        ActionCallbackResponse action = await Host.Connector.SendActionAsync(setup.ThingId, "lamp", "setOn", new Dictionary<string, string> { ["on"] = "true" });
        CallbackResponse removed = await Host.Connector.RemoveInstanceAsync(setup.InstanceId);
        CallbackResponse uninstalled = await Host.Connector.UninstallAsync(setup.InstallationId);
        Assert.Equal(204, action.StatusCode);
        Assert.Equal(204, removed.StatusCode);
        Assert.Equal(204, uninstalled.StatusCode);

        (string Kind, string Method, string Path, int Status)[] expected =
        [
            ("Install", "POST", "/connctd/installations", 201),
            ("Instantiate", "POST", "/connctd/instances", 201),
            ("Action", "POST", "/connctd/actions", 204),
            ("RemoveInstance", "DELETE", $"/connctd/instances/{setup.InstanceId}", 204),
            ("Uninstall", "DELETE", $"/connctd/installations/{setup.InstallationId}", 204),
        ];
        foreach ((string kind, string method, string path, int status) in expected)
        {
            Activity span = await Host.WaitForSpanAsync(span => span.OperationName == $"connctd.callback {kind}", $"of the {kind} callback");
            Assert.Equal(ConnctdDiagnostics.ActivitySourceName, span.Source.Name);
            Assert.Equal(ActivityKind.Internal, span.Kind);
            Assert.Equal(kind, span.GetTagItem(ConnctdTagNames.CallbackKind));
            Assert.Equal(status, span.GetTagItem(ConnctdTagNames.CallbackStatusCode));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.All(span.TagObjects, tag => Assert.StartsWith("connctd.", tag.Key, StringComparison.Ordinal));

            Activity server = await Host.WaitForSpanAsync(candidate => candidate.SpanId == span.ParentSpanId, $"that is the parent of the {kind} span");
            Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
            Assert.Equal(ActivityKind.Server, server.Kind);
            Assert.Equal(span.TraceId, server.TraceId);
            Assert.Equal(method, server.GetTagItem("http.request.method"));
            Assert.Equal(path, server.GetTagItem("url.path"));
            Assert.Equal(status, server.GetTagItem("http.response.status_code"));
        }
    }

    [Fact]
    public async Task Callback_HookThrows_SpanMarkedErrorWith500()
    {
        Setup setup = await Host.InstantiateAsync();
        Host.Behavior.Action = _ => throw new InvalidOperationException("the lamp hub is on fire");

        ActionCallbackResponse action = await Host.Connector.SendActionAsync(setup.ThingId, "lamp", "setOn", new Dictionary<string, string> { ["on"] = "true" });

        Assert.Equal(500, action.StatusCode);
        Activity span = await Host.WaitForSpanAsync(span => span.OperationName == "connctd.callback Action", "of the action callback");
        Assert.Equal(500, span.GetTagItem(ConnctdTagNames.CallbackStatusCode));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Callback_ForgedSignature_SpanAnswers400WithoutError()
    {
        SetupCallbackResponse forged = await Host.Connector.InstallAsync(signing: CallbackSigning.WrongKey);

        Assert.Equal(400, forged.StatusCode);
        Activity span = await Host.WaitForSpanAsync(span => span.OperationName == "connctd.callback Install", "of the forged install callback");
        Assert.Equal(400, span.GetTagItem(ConnctdTagNames.CallbackStatusCode));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }
}
