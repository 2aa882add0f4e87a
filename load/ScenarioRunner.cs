using Perf.Load.Cli;
using Perf.Load.Execution;
using Perf.Load.Reports;
using Perf.Load.Scenarios;

namespace Perf.Load;

/// <summary>Runs scenarios written in C# against a target, at the same time, and returns their typed results.</summary>
/// <example><code>
/// var result = await ScenarioRunner.RegisterScenarios(scenario).WithTarget(new Uri("http://127.0.0.1:5000")).RunAsync();
/// </code></example>
public sealed class ScenarioRunner
{
    private readonly IReadOnlyList<Scenario> _scenarios;
    private Uri? _target;
    private string? _reportFolder;

    private ScenarioRunner(IReadOnlyList<Scenario> scenarios) => _scenarios = scenarios;

    /// <summary>A runner for these scenarios (distinct names); each runs its own load simulations, all at once.</summary>
    public static ScenarioRunner RegisterScenarios(params Scenario[] scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Length == 0)
        {
            throw new ArgumentException("At least one scenario is needed.", nameof(scenarios));
        }

        if (scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Two scenarios are named '{duplicate.Key}'.", nameof(scenarios));
        }

        return new ScenarioRunner([.. scenarios]);
    }

    /// <summary>The base address every scenario's <see cref="ScenarioContext.Client"/> sends to.</summary>
    public ScenarioRunner WithTarget(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _target = baseAddress;
        return this;
    }

    /// <summary>Writes each scenario's reports (summary.json, report.md, histograms, interval log, manifest) into <c>FOLDER/SCENARIO</c>.</summary>
    public ScenarioRunner WithReportFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _reportFolder = folder;
        return this;
    }

    /// <summary>Runs every scenario to its end and returns what each measured.</summary>
    public async Task<LoadTestResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var target = _target ?? throw new InvalidOperationException("No target: call WithTarget first.");
        var results = await Task.WhenAll(_scenarios.Select(s => RunAsync(s, target, cancellationToken))).ConfigureAwait(false);
        return new LoadTestResult(results);
    }

    private async Task<ScenarioResult> RunAsync(Scenario scenario, Uri target, CancellationToken cancellationToken)
    {
        // A step is code, so the engine runs it as an awaited task (ILoadScenario.RunsCode); requests go on the raw engine.
        var settings = RunSettings.Create(target, scenario.Name, scenario.ToProfile()) with
        {
            Seed = scenario.Seed,
            Thresholds = [.. scenario.Thresholds.Select(t => t.Threshold)],
        };
        using var client = scenario.Step is null ? null : LoadHttpClient.Create(target, settings.RequestTimeout);
        var mix = new ScenarioMix([(scenario.Bind(client, settings.RequestTimeout), 1)]);
        var (summary, report, manifest) = await RunSession.ExecuteAsync(settings, LoadTarget.ForUrl(target), mix, null, cancellationToken).ConfigureAwait(false);
        var directory = _reportFolder is null
            ? null
            : await ReportWriter.WriteAsync(report, manifest, Path.Combine(_reportFolder, scenario.Name), html: false, cancellationToken).ConfigureAwait(false);
        return ScenarioResult.From(summary, directory);
    }
}
