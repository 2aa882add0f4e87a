using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Api;

/// <summary>The OpenAPI document is the contract: every parameter it lists is accepted, nothing it does not list is.</summary>
public sealed class ApiContractTests(DatabaseServerFixture server, ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApi_EveryDocumentedParameter_IsAcceptedWithItsExample()
    {
        server.RequireServer();
        foreach (var operation in await OperationsAsync())
        {
            foreach (var parameter in operation.Query)
            {
                var url = operation.Url(parameter.Name, parameter.Example);
                // start_time (or its alias start) alone runs to now, over a year past a fixed example date: it goes with the example end_time.
                if (parameter.Name is "start_time" or "start" && operation.Query.FirstOrDefault(p => p.Name == "end_time") is { } end)
                {
                    url += "&end_time=" + Uri.EscapeDataString(end.Example);
                }

                using var response = await api.Client.GetAsync(url, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }
    }

    [Fact]
    public async Task OpenApi_ParameterNotDocumentedForTheEndpoint_IsRejectedWith400()
    {
        server.RequireServer();
        var operations = await OperationsAsync();
        // Names other endpoints take, spellings the document does not use, and one nobody takes.
        var candidates = operations.SelectMany(o => o.Query).Select(p => p.Name)
            .Concat(["startTime", "endTime", "page", "sort", "profile_id", "unknown"])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            foreach (var name in candidates.Where(n => operation.Query.All(p => p.Name != n)))
            {
                var url = operation.Url(name, "1");
                using var response = await api.Client.GetAsync(url, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} → {(int)response.StatusCode}: {text}");
                Assert.Equal(name, JsonDocument.Parse(text).RootElement.GetProperty("parameter").GetString());
            }
        }
    }

    [Fact]
    public async Task OpenApi_EveryParameter_HasTypeDescriptionAndBounds()
    {
        server.RequireServer();
        var document = await api.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        foreach (var (path, operation) in ApiOperations(document))
        {
            foreach (var parameter in operation.GetProperty("parameters").EnumerateArray())
            {
                var name = $"{path} {parameter.GetProperty("name").GetString()}";
                var schema = parameter.GetProperty("schema");
                Assert.False(string.IsNullOrWhiteSpace(parameter.GetProperty("description").GetString()), name);
                Assert.True(schema.TryGetProperty("type", out _), $"{name} has no type");
                Assert.True(parameter.TryGetProperty("example", out _), $"{name} has no example");
                if (schema.GetProperty("type").GetString() == "integer")
                {
                    Assert.True(schema.TryGetProperty("minimum", out _) && schema.TryGetProperty("maximum", out _), $"{name} has no bounds");
                }
                else if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time")
                {
                    continue;
                }
                else
                {
                    Assert.True(schema.TryGetProperty("enum", out _) || schema.TryGetProperty("maxLength", out _), $"{name} has no bounds");
                }
            }

            var responses = operation.GetProperty("responses");
            Assert.True(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out _), $"{path} 200 has no schema");
            Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} documents no 400 problem");
        }

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("parameter", out _), "ProblemDetails does not document 'parameter'");
    }

    /// <summary>The shared offset description sent metrics and health clients to a cursor those endpoints do not have.</summary>
    [Fact]
    public async Task OpenApi_Descriptions_MentionCursorOnlyWhereTheEndpointTakesOne()
    {
        server.RequireServer();
        var document = await api.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        foreach (var (path, operation) in ApiOperations(document))
        {
            var parameters = operation.GetProperty("parameters").EnumerateArray().ToList();
            var takesCursor = parameters.Any(p => p.GetProperty("name").GetString() == "cursor");
            foreach (var parameter in parameters.Where(p => p.GetProperty("name").GetString() != "cursor"))
            {
                var description = parameter.GetProperty("description").GetString()!;
                Assert.True(takesCursor || !description.Contains("cursor", StringComparison.OrdinalIgnoreCase), $"{path} {parameter.GetProperty("name").GetString()}: {description}");
            }
        }
    }

    [Theory]
    [InlineData("/api/trades/1?start=2024-01-01&start_time=2024-01-02", "start_time", "start")]
    [InlineData("/api/metrics/1?window_type=daily&windowType=weekly", "window_type", "windowType")]
    public async Task NameAndItsAlias_Together_Return400NamingBoth(string url, string name, string alias)
    {
        server.RequireServer();
        using var response = await api.Client.GetAsync(url, Ct);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(name, problem.GetProperty("parameter").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(name, detail, StringComparison.Ordinal);
        Assert.Contains(alias, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trades_DocumentNames_AnswerAsTheDesignDocumentWritesThem()
    {
        server.RequireServer();
        var start = TestTrades.Origin.AddDays(20).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var end = TestTrades.Origin.AddDays(50).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var byName = await api.Client.GetStringAsync($"/api/trades/1?start_time={start}&end_time={end}&limit=40&offset=10", Ct);
        var byAlias = await api.Client.GetStringAsync($"/api/trades/1?start={start}&end={end}&limit=40&offset=10", Ct);
        Assert.Equal(byName, byAlias);
        var body = JsonDocument.Parse(byName).RootElement;
        Assert.Equal(40, body.GetProperty("trades").GetArrayLength());
        Assert.Equal(10, body.GetProperty("offset").GetInt32());
        Assert.True(body.GetProperty("trades")[0].TryGetProperty("entry_time", out _), byName[..Math.Min(300, byName.Length)]);
    }

    private async Task<List<ApiOperation>> OperationsAsync()
    {
        var document = await api.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var operations = ApiOperations(document).Select(o => ApiOperation.From(o.Path, o.Operation)).ToList();
        Assert.Equal(4, operations.Count);
        return operations;
    }

    private static IEnumerable<(string Path, JsonElement Operation)> ApiOperations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .Select(p => (p.Name, p.Value.GetProperty("get")));

    private sealed record DocumentedParameter(string Name, string Example, bool Required);

    /// <summary>One documented GET: its path with the example profile, its required and optional query parameters.</summary>
    private sealed record ApiOperation(string Path, IReadOnlyList<DocumentedParameter> Query)
    {
        public static ApiOperation From(string template, JsonElement operation)
        {
            var parameters = operation.GetProperty("parameters").EnumerateArray().ToList();
            var path = parameters.Where(p => p.GetProperty("in").GetString() == "path")
                .Aggregate(template, (current, p) => current.Replace("{" + p.GetProperty("name").GetString() + "}", ExampleOf(p), StringComparison.Ordinal));
            var query = parameters.Where(p => p.GetProperty("in").GetString() == "query")
                .Select(p => new DocumentedParameter(p.GetProperty("name").GetString()!, ExampleOf(p), p.TryGetProperty("required", out var r) && r.GetBoolean()))
                .ToList();
            return new ApiOperation(path, query);
        }

        /// <summary>The path with every required parameter (at its example) and <paramref name="name"/>=<paramref name="value"/>.</summary>
        public string Url(string name, string value)
        {
            var pairs = Query.Where(p => p.Required && p.Name != name).Select(p => (p.Name, p.Example)).Append((name, value));
            return Path + "?" + string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        }

        private static string ExampleOf(JsonElement parameter)
        {
            var example = parameter.GetProperty("example");
            return example.ValueKind == JsonValueKind.String ? example.GetString()! : example.GetRawText();
        }
    }
}
