using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>Documents the <c>parameter</c> member that <see cref="ProblemDetailsExceptionHandler"/> adds to a 400's problem details.</summary>
internal static class ProblemParameterSchema
{
    /// <summary>Adds <c>parameter</c> to the ProblemDetails schema; other schemas pass unchanged.</summary>
    public static Task AddAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[ProblemDetailsExceptionHandler.ParameterMember] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"On a 400, the parameter at fault, as the design document names it (e.g. {ParameterNames.StartTime}).",
            };
        }

        return Task.CompletedTask;
    }
}
