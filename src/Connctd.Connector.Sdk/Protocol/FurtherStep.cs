namespace Connctd.Connector.Sdk.Protocol;

/// <summary>A further step the user must take before an installation or instance is complete.</summary>
public sealed record FurtherStep
{
    /// <summary>Creates a further step.</summary>
    /// <param name="type">How <paramref name="content"/> is shown.</param>
    /// <param name="content">The text, markdown or URL.</param>
    public FurtherStep(StepType type, string content)
    {
        Type = type;
        Content = content;
    }

    /// <summary>How <see cref="Content"/> is shown.</summary>
    public StepType Type { get; init; }

    /// <summary>The text, markdown or, for <see cref="StepType.Redirect"/>, the URL.</summary>
    public string Content { get; init; }

    /// <summary>A plain-text step.</summary>
    /// <param name="text">The text to show.</param>
    /// <returns>The step.</returns>
    public static FurtherStep FromText(string text) => new(StepType.Text, text);

    /// <summary>A markdown step.</summary>
    /// <param name="markdown">The markdown to show.</param>
    /// <returns>The step.</returns>
    public static FurtherStep FromMarkdown(string markdown) => new(StepType.Markdown, markdown);

    /// <summary>A step that sends the user to <paramref name="url"/>.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The step.</returns>
    public static FurtherStep RedirectTo(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(StepType.Redirect, url.AbsoluteUri);
    }
}
