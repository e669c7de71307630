namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What a connector answers to an action request.</summary>
public enum ActionOutcomeKind
{
    /// <summary>Done: <c>204 No Content</c>; the platform sets COMPLETED.</summary>
    Completed,

    /// <summary>Still running: <c>202 Accepted</c> with status PENDING; finish it later through <see cref="IConnectorPlatform"/>.</summary>
    Pending,

    /// <summary>Failed: <c>202 Accepted</c> with status FAILED and the message.</summary>
    Failed,

    /// <summary>Bad parameters: <c>400</c>; the platform sets FAILED.</summary>
    BadRequest,

    /// <summary>Not allowed: <c>403</c>; the platform sets FAILED.</summary>
    Forbidden,
}
