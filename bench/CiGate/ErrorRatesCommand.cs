using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Analysis.Gates;
using Perf.Bench.Queries;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Telemetry.CommandLine;

namespace Perf.Bench.CiGate;

/// <summary><c>bench ci-rates</c>: the timing gate's own error rates, from repeated runs on an unchanged tree and with one query made 2× slower.</summary>
/// <remarks>
/// The base is this tree's HEAD, so "unchanged" means head = base: every regression it reports is a false alarm (a tree
/// with uncommitted changes is refused: its head is not HEAD). The injected runs double one query's work in the head's
/// rounds: every run that does not fail on that query is a miss. Every run uses one server, which the manifest names.
/// </remarks>
internal static class ErrorRatesCommand
{
    public static async Task<int> RunAsync(CiOptions options, int runs, string slow, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slowCase = SlowCase(slow, options.Cases);
        try
        {
            var root = RepositoryPaths.FindRoot();
            if (RevisionBuilder.IsDirty(root))
            {
                throw new UsageException($"{root} has uncommitted changes the build includes, so the gate's head (the working tree) is not its base (HEAD) and the unchanged runs would time those changes; commit or stash them first.");
            }

            await using var server = await CiGate.ProvisionAsync(options, cancellationToken).ConfigureAwait(false);
            var manifest = RunManifest.Create("bench", server, arguments, root); // the arguments start with "ci-rates"
            var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
            var outcomes = new List<RateRun>();
            foreach (var (kind, fault) in new[] { ("unchanged", GateFault.None), ("2x slower", new GateFault(null, slow, false)) })
            {
                for (var i = 1; i <= runs; i++)
                {
                    var directory = Path.Combine(writer.Directory, kind.Replace(' ', '-'), i.ToString("00", CultureInfo.InvariantCulture));
                    var loadBefore = LoadAverage();
                    var run = await CiGate.RunOnAsync(server, root, null, options with { ResultsDirectory = directory }, ["ci", "--only", "timings", "--base", "HEAD"], fault, cancellationToken).ConfigureAwait(false);
                    var flagged = run.Report.Checks.Where(c => c.Suite == TimingGate.Suite && c.Outcome == GateOutcome.Failed).Select(c => c.Name).ToList();
                    var timing = run.Report.Timings.FirstOrDefault(t => t.Name == slowCase);
                    var outcome = new RateRun(kind, i, run.Report.ExitCode, flagged, timing?.Ratio, timing?.PValue, loadBefore, LoadAverage());
                    outcomes.Add(outcome);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ci-rates: {kind} run {i}: exit {outcome.ExitCode}, flagged [{string.Join(", ", flagged)}]{(outcome.SlowRatio is { } r ? $", {slow} {r:0.00}×" : string.Empty)}, load {Load(outcome.LoadBefore)} → {Load(outcome.LoadAfter)}"));
                }
            }

            var unchanged = outcomes.Where(o => o.Kind == "unchanged").ToList();
            var injected = outcomes.Where(o => o.Kind != "unchanged").ToList();
            var falseAlarms = unchanged.Count(o => o.ExitCode != ExitCodes.Success);
            var detected = injected.Count(o => o.ExitCode == ExitCodes.ThresholdsFailed && o.Flagged.SequenceEqual([slowCase]));
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"false alarms: {falseAlarms} of {unchanged.Count} unchanged runs; detected: {detected} of {injected.Count} runs with {slow} 2× slower (and nothing else flagged)");
            manifest.Parameters["rates"] = summary;
            manifest.EndedUtc = DateTime.UtcNow;
            await writer.WriteJsonAsync("rates", new { manifest, slow, runs = outcomes, falseAlarms, detected }, cancellationToken).ConfigureAwait(false);
            var rows = outcomes.Select(o => (IReadOnlyList<string>)
            [
                o.Kind,
                o.Run.ToString(CultureInfo.InvariantCulture),
                o.ExitCode.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", o.Flagged),
                o.SlowRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–",
                o.SlowPValue is { } p ? ReportFormat.PValue(p) : "–",
                $"{Load(o.LoadBefore)} → {Load(o.LoadAfter)}",
            ]).ToList();
            await writer.WriteReportAsync("rates", new ReportDocument("CI timing gate error rates",
            [
                new ReportParagraph($"**{summary}**"),
                new ReportParagraph("The load average (1 minute, from `/proc/loadavg`) before and after each run says how much else the machine was doing."),
                new ReportTable(["runs", "#", "exit", "flagged", $"{slow} ratio", "p", "load avg"], rows),
            ]), html: false, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine("ci-rates: " + summary);
            Console.WriteLine("ci-rates: " + Path.Combine(writer.Directory, "rates.md"));
            return falseAlarms == 0 && detected == injected.Count ? 0 : 1;
        }
        catch (ProvisioningException ex)
        {
            await Console.Error.WriteLineAsync("ci-rates: invalid run: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidRun;
        }
    }

    /// <summary>The query <paramref name="slow"/> slows (<c>CASE</c> or <c>CASE*N</c>), checked against the queries the gate times before any run: a name none has would spend every run and detect nothing.</summary>
    /// <exception cref="UsageException">It is malformed or names no timed query.</exception>
    internal static string SlowCase(string slow, IReadOnlyList<string> cases)
    {
        var (name, _) = ProbeCommand.Slowdown(slow);
        var timed = ProbeCommand.GateCases(QueryContext.NamesOnly, cases).Select(c => c.Name).ToList();
        return timed.Contains(name, StringComparer.Ordinal) ? name!
            : throw new UsageException($"--slow '{slow}' names no query the gate times{(cases.Count > 0 ? " with this --cases" : string.Empty)}; it times: {string.Join(", ", timed)}.");
    }

    /// <summary>The 1-minute load average (Linux), or null where there is none.</summary>
    private static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string Load(double? load) => load?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–";

    private sealed record RateRun(string Kind, int Run, int ExitCode, IReadOnlyList<string> Flagged, double? SlowRatio, double? SlowPValue, double? LoadBefore, double? LoadAfter);
}
