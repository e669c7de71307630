namespace Connctd.Connector.Sdk.Protocol;

/// <summary>How the content of a <see cref="FurtherStep"/> is shown to the user.</summary>
public enum StepType
{
    /// <summary>A type the SDK does not know.</summary>
    Unknown = 0,

    /// <summary>Plain text.</summary>
    Text = 1,

    /// <summary>Markdown.</summary>
    Markdown = 2,

    /// <summary>A URL the user is sent to, for example an OAuth consent page.</summary>
    Redirect = 3,
}
