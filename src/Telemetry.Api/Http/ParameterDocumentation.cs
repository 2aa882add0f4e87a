using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>Puts an endpoint's parameters into the OpenAPI document from the same list that validates them.</summary>
internal static class ParameterDocumentation
{
    /// <summary>Documents the <c>profile_id</c> path parameter and <paramref name="parameters"/> (with their aliases) on the endpoint.</summary>
    public static RouteHandlerBuilder WithParameters(this RouteHandlerBuilder builder, IReadOnlyList<QueryParameter> parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            // The generated path parameter is a string, as the handler reads it to give its own error; the contract is an integer.
            if (operation.Parameters.FirstOrDefault(p => p.Name == ParameterNames.ProfileId) is { } generated)
            {
                operation.Parameters.Remove(generated);
            }

            operation.Parameters.Insert(0, ApiParameters.ProfileId);
            foreach (var parameter in parameters.SelectMany(p => p.ToOpenApi()))
            {
                operation.Parameters.Add(parameter);
            }

            return Task.CompletedTask;
        });
}
