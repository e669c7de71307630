namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>What a connector answers to an installation or instantiation.</summary>
public enum SetupOutcomeKind
{
    /// <summary>Done: answered with <c>201 Created</c>; the platform sets COMPLETE.</summary>
    Completed,

    /// <summary>More steps needed: answered with <c>202 Accepted</c> and a further step; the platform sets ONGOING.</summary>
    Ongoing,

    /// <summary>The configuration is refused as unauthorized: answered with <c>401</c>; the platform sets FAILED.</summary>
    Unauthorized,

    /// <summary>The configuration is refused: answered with <c>403</c>; the platform sets FAILED.</summary>
    Forbidden,
}
