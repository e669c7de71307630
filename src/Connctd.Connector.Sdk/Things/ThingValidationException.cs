using System.Globalization;
using System.Text;

namespace Connctd.Connector.Sdk.Things;

/// <summary>
/// Thrown by <see cref="ThingValidator.ThrowIfInvalid(Thing)"/> and <see cref="ThingBuilder.Build"/> when a thing
/// breaks one or more rules; <see cref="Errors"/> lists every one of them, and the message names each path.
/// </summary>
public sealed class ThingValidationException : Exception
{
    /// <summary>Creates the exception for the given validation errors; the message lists all of them.</summary>
    /// <param name="errors">The rules the thing breaks; at least one.</param>
    public ThingValidationException(IReadOnlyList<ThingValidationError> errors)
        : base(FormatMessage(errors))
    {
        Errors = [.. errors];
    }

    /// <summary>Creates the exception with a generic message and no <see cref="Errors"/>.</summary>
    public ThingValidationException()
        : base("The thing is invalid.")
    {
        Errors = [];
    }

    /// <summary>Creates the exception with the given message and no <see cref="Errors"/>.</summary>
    /// <param name="message">The message.</param>
    public ThingValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with the given message and inner exception, and no <see cref="Errors"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ThingValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every rule the thing breaks, in the order they appear in the thing.</summary>
    public IReadOnlyList<ThingValidationError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ThingValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"The thing is invalid ({errors.Count} {(errors.Count == 1 ? "error" : "errors")}):");
        foreach (ThingValidationError error in errors)
        {
            message.AppendLine().Append("  ").Append(error.ToString());
        }

        return message.ToString();
    }
}
