using System.Diagnostics;
using Connctd.Connector.Sdk.Diagnostics;

namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>
/// The span of one callback, <c>connctd.callback {kind}</c> on the activity source
/// <see cref="ConnctdDiagnostics.ActivitySourceName"/>. It is an <see cref="ActivityKind.Internal"/> span: ASP.NET Core's
/// own server span for the request is <see cref="Activity.Current"/> when it starts, so it becomes that span's child,
/// and the platform calls a hook makes become its children.
/// </summary>
internal static class CallbackActivity
{
    private static readonly ActivitySource Source = new(ConnctdDiagnostics.ActivitySourceName);

    /// <summary>Starts the span of a callback of <paramref name="kind"/>, or returns <see langword="null"/> when nobody listens or it is not sampled.</summary>
    public static Activity? Start(string kind)
    {
        // Without a listener StartActivity returns null anyway; checking first saves building its name per callback.
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity($"connctd.callback {kind}", ActivityKind.Internal);
        activity?.SetTag(ConnctdTagNames.CallbackKind, kind);
        return activity;
    }

    /// <summary>Records the answer on the span: its status code, and an error status for a 5xx (a refusal is the connector working).</summary>
    public static void Answered(Activity? activity, int statusCode)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ConnctdTagNames.CallbackStatusCode, statusCode);
        if (statusCode >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
