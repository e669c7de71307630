namespace Connctd.Connector.Sdk.Things;

/// <summary>A fixed name/value attribute of a thing, for example a serial number.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Value">The attribute's value.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The protocol calls them attributes; this is not a .NET attribute.")]
public sealed record ThingAttribute(string Name, string Value);
