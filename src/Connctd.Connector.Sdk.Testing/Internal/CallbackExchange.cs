namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>One callback as sent and answered.</summary>
internal sealed record CallbackExchange(
    string Method,
    string Target,
    string? RequestBody,
    CallbackSigning Signing,
    int StatusCode,
    string ResponseBody);
