using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Perf.Bench.Capacity;
using Perf.Harness;
using Perf.Harness.Gates;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary><c>bench ci</c>: the plan gate, the load thresholds and the benchmark timings vs the committed baseline, as one gate with Markdown and JUnit output.</summary>
internal static class CiCommand
{
    private const string GatePrefix = "bench_gate";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(CiOptions.Usage);
            return GateExitCodes.Passed;
        }

        var root = RepositoryPaths.FindRoot();
        CiOptions options;
        try
        {
            options = CiOptions.Parse(args, root);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + "\n" + CiOptions.Usage).ConfigureAwait(false);
            return GateExitCodes.InvalidInput;
        }

        try
        {
            // One server for every step: the sub-commands get its connection string, so they neither start nor wait for another.
            await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
            var manifest = RunManifest.Create("ci", server, ["ci", .. args], root);
            var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
            var checks = new List<GateCheck>();
            checks.AddRange(await PlanGateAsync(server, writer.Directory, cancellationToken).ConfigureAwait(false));
            checks.AddRange(await LoadAsync(root, server, options, writer.Directory, cancellationToken).ConfigureAwait(false));
            var (timingChecks, comparisons) = await TimingsAsync(server, options, writer, cancellationToken).ConfigureAwait(false);
            checks.AddRange(timingChecks);

            var report = new GateReport(checks, comparisons);
            var markdown = await GateOutput.WriteAsync(writer, report, cancellationToken: cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"ci: {report.Reason}");
            Console.WriteLine($"ci: {markdown}");
            Console.WriteLine($"ci: {Path.Combine(writer.Directory, GateOutput.JUnitFileName)}");
            return report.ExitCode;
        }
        catch (ProvisioningException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return GateExitCodes.InvalidInput;
        }
    }

    private static async Task<IReadOnlyList<GateCheck>> PlanGateAsync(ProvisionedServer server, string runDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(runDirectory, "plan-gate");
        var watch = Stopwatch.StartNew();
        var exitCode = await BenchProgram.RunAsync(["gate", "--results", directory, "--mysql", server.AdminConnectionString], cancellationToken).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var gatePath = Path.Combine(directory, "gate.json");
        var plansPath = Path.Combine(directory, "plans.json");
        if (!File.Exists(gatePath) || !File.Exists(plansPath))
        {
            return [new GateCheck("plans", "plan gate", GateOutcome.Failed, $"the plan gate wrote no result (exit {exitCode}); see its output above", seconds)];
        }

        using var gate = JsonDocument.Parse(await File.ReadAllTextAsync(gatePath, cancellationToken).ConfigureAwait(false));
        using var plans = JsonDocument.Parse(await File.ReadAllTextAsync(plansPath, cancellationToken).ConfigureAwait(false));
        var failures = gate.RootElement.GetProperty("result").GetProperty("failures").EnumerateArray().Select(f => f.GetString() ?? string.Empty).ToList();
        var keys = plans.RootElement.GetProperty("plans").EnumerateArray()
            .Select(p => $"{p.GetProperty("query").GetString()}/{p.GetProperty("variant").GetString()}")
            .ToList();
        var checks = new List<GateCheck>();
        foreach (var key in keys)
        {
            var failure = failures.FirstOrDefault(f => f.StartsWith(key + ": ", StringComparison.Ordinal));
            checks.Add(new GateCheck("plans", key, failure is null ? GateOutcome.Passed : GateOutcome.Failed, failure?[(key.Length + 2)..] ?? "plan matches the baseline", seconds / Math.Max(1, keys.Count)));
        }

        checks.AddRange(failures.Where(f => !keys.Any(k => f.StartsWith(k + ": ", StringComparison.Ordinal))).Select(f => new GateCheck("plans", f.Split(": ", 2)[0], GateOutcome.Failed, f)));
        return checks;
    }

    private static async Task<IReadOnlyList<GateCheck>> LoadAsync(string root, ProvisionedServer server, CiOptions options, string runDirectory, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var directory = Path.Combine(runDirectory, "load");
        var watch = Stopwatch.StartNew();
        // --max-send-lag 100ms: on a shared CI machine the dispatcher misses the default 25 ms now and then. Latency is
        // measured from the intended send time, so the lag is inside every number the thresholds judge; only a
        // generator that falls further behind (or short of its rate) makes the run invalid.
        string[] arguments =
        [
            "run", "--variant", "composite", "--db-prefix", GatePrefix, "--rate", options.LoadRate.ToString(c),
            "--duration", options.LoadDuration.TotalSeconds.ToString(c) + "s", "--warmup", "3s", "--max-send-lag", "100ms",
            "--out", directory, "--no-html", "--quiet",
        ];
        var exitCode = await LoadProcess.RunAsync(root, arguments, server.AdminConnectionString, cancellationToken).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var summaryPath = Path.Combine(directory, "summary.json");
        var name = string.Create(c, $"load at {options.LoadRate:0.##} req/s for {options.LoadDuration.TotalSeconds:0} s");
        if (!File.Exists(summaryPath))
        {
            return [new GateCheck("load", name, GateOutcome.Failed, $"the load run wrote no summary (exit {exitCode}); see its output above", seconds)];
        }

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryPath, cancellationToken).ConfigureAwait(false));
        var checks = new List<GateCheck>
        {
            // 110: the generator could not keep its schedule, so the latencies are not trustworthy: a failed run, not a pass.
            new("load", name + ": valid run", exitCode == 110 ? GateOutcome.Failed : GateOutcome.Passed, exitCode == 110 ? "invalid run: the load generator fell behind its schedule" : $"exit {exitCode}", seconds),
        };
        if (summary.RootElement.TryGetProperty("thresholds", out var thresholds) && thresholds.ValueKind == JsonValueKind.Array)
        {
            foreach (var threshold in thresholds.EnumerateArray())
            {
                var expression = threshold.TryGetProperty("expression", out var e) ? e.GetString() ?? "threshold" : "threshold";
                var passed = threshold.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True;
                var actual = threshold.TryGetProperty("actualText", out var a) ? a.GetString() : null;
                checks.Add(new GateCheck("load", expression, passed ? GateOutcome.Passed : GateOutcome.Failed, $"actual {actual ?? "unknown"}"));
            }
        }

        return checks;
    }

    private static async Task<(IReadOnlyList<GateCheck> Checks, IReadOnlyList<TimingComparison> Comparisons)> TimingsAsync(ProvisionedServer server, CiOptions options, ResultWriter writer, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(writer.Directory, "bench");
        var c = CultureInfo.InvariantCulture;
        var exitCode = await RunBenchmarksAsync(server, options, directory, options.BenchmarkFilters, cancellationToken).ConfigureAwait(false);
        var exports = Exports(directory);
        if (exports.Length == 0)
        {
            return ([new GateCheck(TimingGate.Suite, "benchmarks", GateOutcome.Failed, $"the benchmarks wrote no JSON export (exit {exitCode}); see their output above")], []);
        }

        var currentManifest = await RunManifestFile.ReadAsync(Path.Combine(directory, ResultWriter.ManifestFileName), cancellationToken).ConfigureAwait(false);
        var current = await BenchmarkDotNetJson.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
        GateCheck[] errored = exitCode == 0 ? [] : [new GateCheck(TimingGate.Suite, "benchmarks ran", GateOutcome.Failed, $"a benchmark errored (exit {exitCode})")];
        if (options.UpdateBaseline)
        {
            await TimingBaseline.SaveAsync(options.BaselineDirectory, currentManifest, exports, cancellationToken).ConfigureAwait(false);
            writer.Manifest.Parameters["baseline"] = "updated";
            return ([.. errored, new GateCheck(TimingGate.Suite, "baseline updated", GateOutcome.Passed, string.Create(c, $"{current.Count} benchmarks written to {options.BaselineDirectory}"))], []);
        }

        if (!Directory.Exists(options.BaselineDirectory))
        {
            return ([.. errored, new GateCheck(TimingGate.Suite, "baseline", GateOutcome.Failed, $"no timing baseline at {options.BaselineDirectory}; create it with `ci --update-baseline`")], []);
        }

        var baseline = await TimingBaseline.LoadAsync(options.BaselineDirectory, cancellationToken).ConfigureAwait(false);
        var (checks, comparisons) = TimingGate.Evaluate(baseline.Manifest, baseline.Timings, currentManifest, current, options.Timing, options.AllowDifferentEnvironment);
        var suspects = comparisons.Where(t => t.Verdict == TimingVerdict.Slower).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (suspects.Count == 0)
        {
            return ([.. errored, .. checks], comparisons);
        }

        // Re-measure the benchmark methods of the suspects (BenchmarkDotNet filters by method, not by parameters).
        Console.Error.WriteLine($"ci: {suspects.Count} benchmark(s) look slower; re-measuring them to confirm");
        var confirmDirectory = Path.Combine(writer.Directory, "bench-confirm");
        var methods = suspects.Select(name => name.Split('(')[0]).Distinct(StringComparer.Ordinal).ToList();
        await RunBenchmarksAsync(server, options, confirmDirectory, methods, cancellationToken).ConfigureAwait(false);
        var again = Exports(confirmDirectory).Length > 0 ? await BenchmarkDotNetJson.ReadAsync(confirmDirectory, cancellationToken).ConfigureAwait(false) : [];
        var second = TimingComparer.CompareAll(
            [.. baseline.Timings.Where(t => suspects.Contains(t.Name))], [.. again.Where(t => suspects.Contains(t.Name))], options.Timing);
        var confirmed = TimingGate.Confirm(comparisons, second);
        return ([.. errored, .. checks.Where(check => check.Suite != TimingGate.Suite), .. TimingGate.ToChecks(confirmed)], confirmed);
    }

    private static Task<int> RunBenchmarksAsync(ProvisionedServer server, CiOptions options, string directory, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        BenchProgram.RunAsync(
        [
            "--preset", "ci", "--prefix", GatePrefix, "--no-seed", "--results", directory, "--mysql", server.AdminConnectionString,
            "--iterationCount", options.Iterations.ToString(CultureInfo.InvariantCulture), "--filter", .. filters,
        ],
        cancellationToken);

    private static string[] Exports(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + BenchmarkDotNetJson.FullReportSuffix, SearchOption.AllDirectories) : [];
}
