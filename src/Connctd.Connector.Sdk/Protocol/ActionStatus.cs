using System.Text.Json.Serialization;
using Connctd.Connector.Sdk.Serialization;

namespace Connctd.Connector.Sdk.Protocol;

/// <summary>The status of an action request. Travels as <c>PENDING</c>, <c>COMPLETED</c>, <c>FAILED</c>, <c>CANCELED</c>.</summary>
[JsonConverter(typeof(UpperSnakeCaseEnumConverter<ActionStatus>))]
public enum ActionStatus
{
    /// <summary>A status the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>Still running; the connector reports the result later.</summary>
    Pending,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Failed; an error message says why.</summary>
    Failed,

    /// <summary>Canceled by the platform.</summary>
    Canceled,
}
