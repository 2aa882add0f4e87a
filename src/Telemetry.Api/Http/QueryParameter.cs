using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Telemetry.Api.Http;

/// <summary>A query parameter an endpoint accepts: its name in the design document, an older name still accepted, and how OpenAPI describes it.</summary>
/// <remarks>One list per endpoint drives both validation (<see cref="RequestParameters"/>) and the OpenAPI document, so the two cannot drift.</remarks>
internal sealed record QueryParameter
{
    /// <summary>The name the design document uses.</summary>
    public required string Name { get; init; }

    /// <summary>The name the API used before it followed the document; accepted, documented as deprecated.</summary>
    public string? Alias { get; init; }

    /// <summary>What the parameter does, including its default when that is not a constant.</summary>
    public required string Description { get; init; }

    /// <summary>The JSON type of the value.</summary>
    public JsonSchemaType Type { get; init; } = JsonSchemaType.String;

    /// <summary>The OpenAPI format, e.g. <c>date-time</c> or <c>int32</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The smallest integer accepted.</summary>
    public int? Minimum { get; init; }

    /// <summary>The largest integer accepted.</summary>
    public int? Maximum { get; init; }

    /// <summary>The longest string accepted.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The regular expression a string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>The closed set of values accepted (case-insensitive).</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>The value used when the parameter is absent, when it is a constant.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>Whether the request fails without it.</summary>
    public bool Required { get; init; }

    /// <summary>A valid value, shown in the reference page (and used by the contract test).</summary>
    public required JsonNode Example { get; init; }

    /// <summary>Whether <paramref name="name"/> is this parameter's name or alias.</summary>
    public bool IsNamed(string name) => name == Name || name == Alias;

    /// <summary>The OpenAPI parameters: the document's name, then the deprecated alias if any.</summary>
    public IEnumerable<OpenApiParameter> ToOpenApi()
    {
        yield return ToOpenApi(Name, Description, deprecated: false);
        if (Alias is not null)
        {
            yield return ToOpenApi(Alias, $"Deprecated alias of {Name}; giving both is an error. {Description}", deprecated: true);
        }
    }

    private OpenApiParameter ToOpenApi(string name, string description, bool deprecated) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Required = Required,
        Deprecated = deprecated,
        Example = Example.DeepClone(),
        Schema = new OpenApiSchema
        {
            Type = Type,
            Format = Format,
            Minimum = Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = Maximum?.ToString(CultureInfo.InvariantCulture),
            MaxLength = MaxLength,
            Pattern = Pattern,
            Enum = Allowed?.Select(JsonNode (a) => JsonValue.Create(a)).ToList(),
            Default = Default?.DeepClone(),
        },
    };
}
