namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>Whose token a request carries.</summary>
internal enum TokenKind
{
    Installation,
    Instance,
}

/// <summary>The installation or instance a token belongs to.</summary>
internal sealed record TokenOwner(TokenKind Kind, string Id);
