namespace Connctd.Connector.Sdk.Signing.Internal;

/// <summary>Why a 32-byte string cannot serve as an Ed25519 public key.</summary>
internal enum PublicKeyProblem
{
    /// <summary>The key is usable.</summary>
    None,

    /// <summary>Not 32 bytes.</summary>
    WrongLength,

    /// <summary>A point of small order (1, 2, 4 or 8): libsodium refuses every signature under it.</summary>
    SmallOrder,

    /// <summary>The y coordinate is not reduced modulo p.</summary>
    NonCanonical,

    /// <summary>No point of the curve has this encoding.</summary>
    NotOnCurve,
}
