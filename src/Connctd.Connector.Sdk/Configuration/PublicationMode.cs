using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Configuration;

/// <summary>Who can see and install a connector publication.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<PublicationMode>))]
public enum PublicationMode
{
    /// <summary>A mode the SDK does not know; never valid when publishing.</summary>
    Unknown = 0,

    /// <summary>Visible to and installable by every user of the platform (<c>PUBLIC</c>).</summary>
    Public,

    /// <summary>Usable only by the account that published it (<c>PRIVATE</c>).</summary>
    Private,

    /// <summary>Not listed in the connector store, but installable by anyone who knows its id (<c>UNLISTED</c>).</summary>
    Unlisted,
}
