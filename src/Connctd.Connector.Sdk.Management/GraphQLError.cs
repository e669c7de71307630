using System.Text.Json;

namespace Connctd.Connector.Sdk.Management;

/// <summary>One entry of a GraphQL answer's <c>errors</c> list.</summary>
/// <param name="Message">The error message, as the server wrote it.</param>
/// <param name="Path">
/// The path of the field that failed, for example <c>["removeInstallation"]</c> or
/// <c>["connectorPublications", "0", "owner"]</c> (list indexes as text); empty when the error concerns no field
/// (a syntax or validation error).
/// </param>
/// <param name="Code">The code from the error's <c>extensions.code</c>, when the server gave one.</param>
/// <param name="Extensions">The error's <c>extensions</c> object, when present.</param>
public sealed record GraphQLError(string Message, IReadOnlyList<string> Path, string? Code, JsonElement? Extensions)
{
    /// <summary>Describes the error by path and message.</summary>
    /// <returns>For example <c>removeInstallation: installation not found</c>.</returns>
    public override string ToString() => Path.Count == 0 ? Message : $"{string.Join('.', Path)}: {Message}";
}
