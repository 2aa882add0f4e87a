using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>Turns failures into RFC 7807 problem details: 400 naming the parameter for bad input, 500 without internals otherwise.</summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The problem-details member naming the parameter at fault.</summary>
    public const string ParameterMember = "parameter";

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
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
