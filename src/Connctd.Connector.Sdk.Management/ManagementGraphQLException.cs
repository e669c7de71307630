namespace Connctd.Connector.Sdk.Management;

/// <summary>
/// The management API answered a call with GraphQL errors (for example an unknown id, a missing permission, or an
/// invalid input). <see cref="Errors"/> holds each error's message and path; <see cref="ConnctdApiException.ErrorCode"/>
/// is the first error's <c>extensions.code</c>, or <see cref="ManagementErrorCodes.GraphQLError"/>.
/// </summary>
public class ManagementGraphQLException : ManagementException
{
    /// <summary>Creates an exception with a generic message and no errors.</summary>
    public ManagementGraphQLException()
        : this("The management API answered with GraphQL errors.")
    {
    }

    /// <summary>Creates an exception with the given message and no errors.</summary>
    /// <param name="message">The message.</param>
    public ManagementGraphQLException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with the given message and cause and no errors.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public ManagementGraphQLException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception for the errors of one answer.</summary>
    /// <param name="operation">The GraphQL field that was called, for example <c>publishConnector</c>.</param>
    /// <param name="status">The HTTP status of the answer (often 200).</param>
    /// <param name="errors">The errors; at least one.</param>
    /// <param name="requestId">The server's request id, when it sent one.</param>
    public ManagementGraphQLException(string operation, int status, IReadOnlyList<GraphQLError> errors, string? requestId)
        : base(
            operation,
            status,
            errors?.FirstOrDefault(error => error.Code is not null)?.Code ?? ManagementErrorCodes.GraphQLError,
            errors is null ? null : string.Join("; ", errors.Select(error => error.ToString())),
            requestId,
            isTransient: status is 408 or 429 or >= 500)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
    }

    /// <summary>The errors of the answer, in the order the server listed them.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }
}
