using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>Reads query-string parameters as raw strings, rejecting unknown and repeated ones.</summary>
/// <remarks>
/// Parameters are parsed by <see cref="QueryRules"/>, not by model binding, so every bad value gets a problem
/// response naming the parameter instead of the framework's generic 400.
/// </remarks>
internal sealed class RequestParameters
{
    private readonly IQueryCollection _query;

    private RequestParameters(IQueryCollection query) => _query = query;

    /// <summary>Checks the query string against the endpoint's known parameters.</summary>
    public static RequestParameters From(HttpRequest request, params string[] known)
    {
        foreach (var (name, values) in request.Query)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var hint = known.Length == 0 ? "none" : string.Join(", ", known);
                throw new QueryValidationException(name.Length > 64 ? name[..64] : name, $"Unknown parameter '{name}'. Known parameters: {hint}.");
            }

            if (values.Count > 1)
            {
                throw new QueryValidationException(name, $"{name} is given more than once.");
            }
        }

        return new RequestParameters(request.Query);
    }

    /// <summary>The single value of a parameter, or null when absent.</summary>
    public string? this[string name] => _query.TryGetValue(name, out var values) ? values.ToString() : null;
}
