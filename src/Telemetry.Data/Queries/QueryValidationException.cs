namespace Telemetry.Data.Queries;

/// <summary>A query parameter broke a rule; <see cref="Parameter"/> names it for the caller.</summary>
public sealed class QueryValidationException : Exception
{
    /// <summary>Creates the exception for one parameter.</summary>
    public QueryValidationException(string parameter, string message)
        : base(message) => Parameter = parameter;

    /// <summary>Creates an exception with no parameter (for serializers and analyzers).</summary>
    public QueryValidationException() => Parameter = string.Empty;

    /// <summary>Creates an exception with no parameter.</summary>
    public QueryValidationException(string message)
        : base(message) => Parameter = string.Empty;

    /// <summary>Creates an exception wrapping another.</summary>
    public QueryValidationException(string message, Exception innerException)
        : base(message, innerException) => Parameter = string.Empty;

    /// <summary>The name of the offending parameter, as the API spells it.</summary>
    public string Parameter { get; }
}
