using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>Reads query-string parameters as raw strings, rejecting unknown, repeated and empty ones and a name given with its alias.</summary>
/// <remarks>
/// Parameters are parsed by <see cref="QueryRules"/>, not by model binding, so every bad value gets a problem
/// response naming the parameter instead of the framework's generic 400.
/// </remarks>
internal sealed class RequestParameters
{
    private readonly IQueryCollection _query;
    private readonly IReadOnlyList<QueryParameter> _known;

    private RequestParameters(IQueryCollection query, IReadOnlyList<QueryParameter> known)
    {
        _query = query;
        _known = known;
    }

    /// <summary>Checks the query string against the endpoint's known parameters.</summary>
    public static RequestParameters From(IQueryCollection query, IReadOnlyList<QueryParameter> known)
    {
        foreach (var (name, values) in query)
        {
            var parameter = known.FirstOrDefault(p => p.IsNamed(name));
            if (parameter is null)
            {
                var hint = known.Count == 0 ? "none" : string.Join(", ", known.Select(p => p.Name));
                throw new QueryValidationException(name.Length > 64 ? name[..64] : name, $"Unknown parameter '{name}'. Known parameters: {hint}.");
            }

            if (values.Count > 1)
            {
                throw new QueryValidationException(parameter.Name, $"{name} is given more than once.");
            }

            // "?limit=" is a mistake, not a request for the default: a framework would refuse it as "not an integer".
            if (string.IsNullOrEmpty(values.ToString()))
            {
                throw new QueryValidationException(parameter.Name, $"{name} is empty: give it a value or leave it out.");
            }

            if (parameter.Alias is { } alias && query.ContainsKey(parameter.Name) && query.ContainsKey(alias))
            {
                throw new QueryValidationException(parameter.Name, $"{parameter.Name} and its alias {alias} are both given; pass {parameter.Name} only.");
            }
        }

        return new RequestParameters(query, known);
    }

    /// <summary>The date range given by <c>start_time</c> and <c>end_time</c>, resolved as <see cref="DateRange.Resolve"/> does.</summary>
    /// <param name="defaultSpan">The span of a range missing its start.</param>
    /// <param name="nowUtc">The end of a range missing its end.</param>
    /// <param name="resumed">
    /// The range a followed cursor was issued for, or null: its bounds stand in for absent ones, so every page of a list
    /// has its first page's range, not one resolved from a later "now".
    /// </param>
    public DateRange Range(TimeSpan defaultSpan, DateTime nowUtc, DateRange? resumed = null) => DateRange.Resolve(
        QueryRules.ParseInstant(this[ParameterNames.StartTime], ParameterNames.StartTime) ?? resumed?.Start,
        QueryRules.ParseInstant(this[ParameterNames.EndTime], ParameterNames.EndTime) ?? resumed?.End,
        defaultSpan,
        nowUtc);

    /// <summary>The single value of a parameter, given by its name or its alias, or null when absent.</summary>
    public string? this[string name]
    {
        get
        {
            var parameter = _known.First(p => p.Name == name);
            return _query.TryGetValue(parameter.Name, out var values) || (parameter.Alias is { } alias && _query.TryGetValue(alias, out values))
                ? values.ToString()
                : null;
        }
    }
}
