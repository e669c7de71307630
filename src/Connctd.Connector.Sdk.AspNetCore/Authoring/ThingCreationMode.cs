namespace Connctd.Connector.Sdk.AspNetCore;

/// <summary>When the things of a new instance are created.</summary>
public enum ThingCreationMode
{
    /// <summary>Before the instantiation callback is answered: <c>201</c> once every thing exists, an error if one cannot be created.</summary>
    Inline,

    /// <summary>
    /// After answering <c>202</c> (ONGOING): things are created in the background, then COMPLETE or FAILED is reported
    /// through the instance state API. Resumes after a restart. Use it when an instance has many things.
    /// </summary>
    Background,
}
