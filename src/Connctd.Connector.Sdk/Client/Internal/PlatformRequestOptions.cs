namespace Connctd.Connector.Sdk.Client.Internal;

/// <summary>Marks carried on each platform request for the resilience pipeline and the send marker.</summary>
internal static class PlatformRequestOptions
{
    /// <summary>The call's name (for example <c>CreateThing</c>), for log lines written inside the pipeline.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("Connctd.Platform.Operation");

    /// <summary>Set on calls that must never be repeated automatically (create-thing).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("Connctd.Platform.NoRetry");

    /// <summary>Set by <see cref="PlatformSendMarkerHandler"/> once an attempt was handed to the transport.</summary>
    public static readonly HttpRequestOptionsKey<bool> Sent = new("Connctd.Platform.Sent");

    public static bool IsSet(HttpRequestMessage? request, HttpRequestOptionsKey<bool> key) =>
        request is not null && request.Options.TryGetValue(key, out bool value) && value;
}
