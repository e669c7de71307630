namespace Connctd.Connector.Sdk.Security;

/// <summary>The token of an instance; authorizes every thing, property, action and instance-state call. A secret that never shows in <see cref="object.ToString"/>.</summary>
public sealed class InstanceToken : SecretToken
{
    /// <summary>Wraps a raw instance token.</summary>
    /// <param name="value">The raw token; not empty.</param>
    public InstanceToken(string value)
        : base(value)
    {
    }
}
