using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>How creating the things of an instance ended.</summary>
internal sealed record ThingCreationResult(bool Succeeded, int ThingCount, string? ErrorCode, string? Description)
{
    public static ThingCreationResult Success(int count) => new(true, count, null, null);

    public static ThingCreationResult InvalidThings(string description) => new(false, 0, ErrorCodes.InternalServerError, description);

    public static ThingCreationResult Failed(string description) => new(false, 0, ErrorCodes.ThingCreationFailed, description);
}
