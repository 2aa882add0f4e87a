using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MySqlConnector;
using Telemetry.Data;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>Turns failures into RFC 7807 problem details: 400 naming the parameter for bad input, 503 with <c>Retry-After</c> while the database is full, cannot be reached or a query runs past its time limit, 500 without internals otherwise.</summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The problem-details member naming the parameter at fault.</summary>
    public const string ParameterMember = "parameter";

    /// <summary>MariaDB's ER_STATEMENT_TIMEOUT (<c>max_statement_time</c> exceeded), which MySqlConnector's error codes do not name.</summary>
    private const int MariaDbStatementTimeout = 1969;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case QueryValidationException invalid:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid request parameter",
                    Detail = invalid.Message,
                    Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                };
                problem.Extensions[ParameterMember] = invalid.Parameter;
                break;
            case BadHttpRequestException bad:
                problem = new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = "Bad request",
                    Detail = bad.Message,
                };
                break;
            case DatabaseBusyException:
                problem = RetryLater(
                    httpContext,
                    "Too many requests in progress",
                    $"The database's concurrency limit and queue are full; retry after {DatabaseGate.RetryAfterHeader} s.");
                break;
            case Exception when QueryTimedOut(exception):
                LogQueryTimedOut(logger, httpContext.Request.Path, exception.Message);
                problem = RetryLater(httpContext, "The database did not answer in time", "The query ran past its time limit; the database is busy. Retry shortly.");
                break;
            case Exception when DatabaseUnavailable(exception):
                LogDatabaseUnavailable(logger, httpContext.Request.Path, exception.Message);
                problem = RetryLater(httpContext, "The database is unavailable", "The database could not be reached; retry shortly.");
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The client went away; nobody is left to answer.
                return true;
            default:
                LogUnhandled(logger, exception, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "The request could not be completed",
                    Detail = "An unexpected error occurred; it has been logged.",
                };
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        var context = new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception };
        if (await problemDetails.TryWriteAsync(context))
        {
            return true;
        }

        // An Accept naming no JSON type (application/xml) leaves the writer silent: a bare 400 that says nothing. Every error
        // is problem details, so it answers in them anyway (RFC 9110 lets a server disregard Accept rather than send 406).
        httpContext.Request.Headers.Accept = "application/problem+json";
        return await problemDetails.TryWriteAsync(context);
    }

    /// <summary>A 503 with <c>Retry-After</c>: the database cannot answer now, and a retry may succeed.</summary>
    private static ProblemDetails RetryLater(HttpContext httpContext, string title, string detail)
    {
        httpContext.Response.Headers.RetryAfter = DatabaseGate.RetryAfterHeader;
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = title,
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        };
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database is down or restarting: the connection lost (<see cref="ServerFailure.ConnectionLost"/>), or an error the server calls transient.</summary>
    internal static bool DatabaseUnavailable(Exception exception)
    {
        if (ServerFailure.ConnectionLost(exception))
        {
            return true;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MySqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is a query stopped for running past a time limit: the command timeout, or the server's own statement limit.</summary>
    internal static bool QueryTimedOut(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired or MySqlErrorCode.QueryTimeout } or MySqlException { Number: MariaDbStatementTimeout })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A query ran past its time limit serving {Path}: {Reason}")]
    private static partial void LogQueryTimedOut(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable serving {Path}: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
