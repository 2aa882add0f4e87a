using System.Diagnostics;
using System.Globalization;
using Perf.Analysis.Gates;
using Perf.Bench.Capacity;
using Perf.Harness.Provisioning;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;

namespace Perf.Bench.CiGate;

/// <summary>The gate's load check: the load program at a modest rate against the in-process API, its thresholds as checks.</summary>
/// <remarks>
/// A child process keeps the generator's threads and GC out of the gate's process, as a load machine would be. It runs on
/// the plan gate's databases, prepared here with this tree's indexes: the plan suite may have run the base revision's own
/// capture on them since (which leaves the base's indexes), or not run at all (<c>--only load</c>).
/// </remarks>
internal static class LoadStep
{
    public static async Task<IReadOnlyList<GateCheck>> RunAsync(string root, ProvisionedServer server, CiOptions options, string runDirectory, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var directory = Path.Combine(runDirectory, "load");
        var watch = Stopwatch.StartNew();
        var dataset = BenchOptions.ForGate(root, options.Provisioning);
        await BenchDataset.PrepareAsync(server, dataset, cancellationToken).ConfigureAwait(false);
        // --max-send-lag 100ms: on a shared CI machine the dispatcher misses the default 25 ms now and then. Latency is
        // measured from the intended send time, so the lag is inside every number the thresholds judge; only a
        // generator that falls further behind (or short of its rate) makes the run invalid.
        string[] arguments =
        [
            "run", "--variant", options.Variant.ToString().ToLowerInvariant(), "--prefix", dataset.Prefix, "--rate", options.LoadRate.ToString(c),
            "--duration", options.LoadDuration.TotalSeconds.ToString(c) + "s", "--warmup", "3s", "--max-send-lag", "100ms",
            "--results", directory, "--no-html", "--quiet",
        ];
        var exitCode = await LoadProcess.RunAsync(root, arguments, server.AdminConnectionString, cancellationToken).ConfigureAwait(false);
        var summaryPath = Path.Combine(directory, "summary.json");
        // The load program's own summary type, read with the settings it was written with.
        var summary = File.Exists(summaryPath) ? await SummaryJson.ReadAsync(summaryPath, cancellationToken).ConfigureAwait(false) : null;
        var name = string.Create(c, $"load at {options.LoadRate:0.##} req/s for {options.LoadDuration.TotalSeconds:0} s");
        return Interpret(name, exitCode, summary?.Thresholds, watch.Elapsed.TotalSeconds, summary?.Verdict);
    }

    /// <summary>Turns the load program's exit code and threshold verdicts (null: it wrote no summary) into checks, failing closed on anything but a clean verdict.</summary>
    /// <param name="verdict">The run's verdict from its summary (null: none written).</param>
    internal static IReadOnlyList<GateCheck> Interpret(string name, int exitCode, IReadOnlyList<ThresholdResult>? verdicts, double seconds, Verdict? verdict = null)
    {
        var thresholds = verdicts ?? [];
        // A threshold neither shown to hold nor missed gives no verdict: the gate fails closed on it, as on an invalid run.
        var checks = thresholds.Select(t => new GateCheck(CiOptions.LoadSuite, t.Expression, t.Passed ? GateOutcome.Passed : t.Settled ? GateOutcome.Failed : GateOutcome.Error, $"actual {t.ActualText}")).ToList();
        var (outcome, message) = (exitCode, verdicts) switch
        {
            (_, null) => (GateOutcome.Error, $"the load run wrote no summary (exit {exitCode}); see its output above"),
            (ExitCodes.InvalidRun, _) when verdict == Verdict.NotSettled => (GateOutcome.Error, "not settled: a threshold's interval straddled its limit, or too few requests bounded it, so the run showed neither that it holds nor that it was missed; a longer --duration narrows the intervals (exit 110)"),
            (ExitCodes.InvalidRun, _) => (GateOutcome.Error, "invalid run: the load generator fell behind its schedule, so its latencies are not evidence (exit 110)"),
            (ExitCodes.UsageError, _) => (GateOutcome.Error, "the load run rejected its configuration (exit 104)"),
            (ExitCodes.Success, _) when thresholds.Count == 0 => (GateOutcome.Error, "the load run passed with no thresholds to judge (exit 0)"),
            (ExitCodes.Success, _) when checks.Any(x => x.Outcome == GateOutcome.Failed) => (GateOutcome.Error, "the load run exited 0 but a threshold failed: its summary and exit code disagree"),
            (ExitCodes.Success, _) => (GateOutcome.Passed, "valid run, every threshold passed (exit 0)"),
            (ExitCodes.ThresholdsFailed, _) when checks.Any(x => x.Outcome == GateOutcome.Failed) => (GateOutcome.Passed, "valid run; thresholds failed (exit 99)"),
            (ExitCodes.ThresholdsFailed, _) => (GateOutcome.Error, "the load run exited 99 (thresholds failed) but its summary names no failed threshold"),
            _ => (GateOutcome.Error, $"the load run failed (exit {exitCode}); see its output above"),
        };
        return [new GateCheck(CiOptions.LoadSuite, name + ": valid run", outcome, message, seconds), .. checks];
    }
}
