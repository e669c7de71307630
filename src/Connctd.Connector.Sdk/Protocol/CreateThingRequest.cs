using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The body of the platform's create-thing call: <c>{"thing":{...}}</c>.</summary>
/// <param name="Thing">The thing to create; its <see cref="Things.Thing.Id"/> is left empty.</param>
public sealed record CreateThingRequest(Thing Thing);
