namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The platform's answer to create-thing: <c>{"id":"&lt;thing id&gt;"}</c>.</summary>
public sealed class CreateThingResponse
{
    /// <summary>The id the platform assigned to the new thing.</summary>
    public string Id { get; init; } = "";
}
