using Perf.Harness;
using YamlDotNet.RepresentationModel;

namespace Perf.Tests.Gates;

/// <summary>Lints the ready-to-copy GitHub Actions workflow: valid YAML, the shape Actions requires, and the steps the gate needs.</summary>
public sealed class WorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepositoryPaths.FindRoot(), ".github", "workflows", "perf-gate.yml");

    [Fact]
    public void PerfGateWorkflow_IsValidAndRunsTheGateOnPullRequests()
    {
        var root = Load();

        Assert.Contains("pull_request", Map(root, "on").Children.Keys.Select(Text));
        var jobs = Map(root, "jobs");
        var job = Assert.Single(jobs.Children).Value as YamlMappingNode;
        Assert.NotNull(job);
        Assert.False(string.IsNullOrWhiteSpace(Text(job.Children[new YamlScalarNode("runs-on")])));
        var steps = ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();
        // Every step either uses an action or runs a command, never both or neither (Actions rejects the file otherwise).
        Assert.All(steps, step => Assert.True(step.Children.ContainsKey(new YamlScalarNode("uses")) ^ step.Children.ContainsKey(new YamlScalarNode("run"))));

        var checkout = steps.Single(s => Value(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        Assert.Equal("0", Value(Map(checkout, "with"), "fetch-depth"));
        var gate = steps.Single(s => Value(s, "run")?.Contains("./perf ci", StringComparison.Ordinal) == true);
        Assert.Contains("--base", Value(gate, "run")!, StringComparison.Ordinal);
        var junit = steps.Single(s => Value(s, "uses")?.Contains("junit", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal("always()", Value(junit, "if"));
        Assert.EndsWith("junit.xml", Value(Map(junit, "with"), "report_paths")!, StringComparison.Ordinal);
        Assert.Contains(steps, s => Value(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true && Value(s, "if") == "always()");
    }

    [Fact]
    public void PerfGateWorkflow_RunsOnTheDebianReleaseThePlanBaselineWasTakenOn()
    {
        // The committed plan baseline holds only on the server build it was taken on (elsewhere the gate falls back to the base revision's plans): the workflow runs there, so the baseline is what judges.
        using var baseline = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FindRoot(), "bench", "plan-baseline.json")));
        var server = baseline.RootElement.GetProperty("server").GetString()!;
        var release = System.Text.RegularExpressions.Regex.Match(server, @"\+deb(\d+)u");
        Assert.True(release.Success, $"The baseline's server '{server}' is not a Debian package build; this check and the workflow's container assume one.");

        var job = (YamlMappingNode)Assert.Single(Map(Load(), "jobs").Children).Value;
        Assert.Equal($"debian:{release.Groups[1].Value}", Value(job, "container"));
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StringReader(File.ReadAllText(WorkflowPath));
        var stream = new YamlStream();
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    private static string? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Text(value) : null;

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? string.Empty;
}
