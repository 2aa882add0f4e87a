using System.Globalization;
using Perf.Harness;
using Perf.Harness.Gates;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary><c>bench ci-rates</c>: the timing gate's own error rates, from repeated runs on an unchanged tree and with one query made 2× slower.</summary>
/// <remarks>
/// The base is this tree's HEAD, so "unchanged" means head = base: every regression it reports is a false alarm. The
/// injected runs double one query's work in the head's rounds: every run that does not fail on that query is a miss.
/// </remarks>
internal static class ErrorRatesCommand
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- ci-rates [--runs N (10)] [--slow CASE (trades_page/hot/7d)] [ci timing options]
          Runs the timing suite N times on the unchanged tree (base = HEAD) and N times with CASE made 2× slower, and prints
          the false-alarm rate and the detection rate; writes rates.md and rates.json. Takes --rounds, --cases, --max-ratio, --alpha.
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        int runs;
        string slow;
        CiOptions options;
        try
        {
            (var runsText, var rest) = Take(args, "--runs", "10");
            (slow, rest) = Take(rest, "--slow", "trades_page/hot/7d");
            runs = int.Parse(runsText, NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = CiOptions.Parse(rest) with { Suites = new HashSet<string>(StringComparer.Ordinal) { TimingGate.Suite }, BaseRevision = "HEAD" };
            if (runs < 1)
            {
                throw new ArgumentException("--runs must be at least 1.");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync("ci-rates: " + ex.Message + " (see --help)").ConfigureAwait(false);
            return GateExitCodes.ConfigurationError;
        }

        try
        {
            var root = RepositoryPaths.FindRoot();
            var manifest = RunManifest.Create("ci-rates", null, args, root);
            var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
            var outcomes = new List<RateRun>();
            foreach (var (kind, fault) in new[] { ("unchanged", GateFault.None), ("2x slower", new GateFault(null, slow, false)) })
            {
                for (var i = 1; i <= runs; i++)
                {
                    var directory = Path.Combine(writer.Directory, kind.Replace(' ', '-'), i.ToString("00", CultureInfo.InvariantCulture));
                    var run = await CiGate.RunAsync(options with { ResultsDirectory = directory }, ["ci", "--only", "timings", "--base", "HEAD"], fault, cancellationToken).ConfigureAwait(false);
                    var flagged = run.Report.Checks.Where(c => c.Suite == TimingGate.Suite && c.Outcome == GateOutcome.Failed).Select(c => c.Name).ToList();
                    var outcome = new RateRun(kind, i, run.Report.ExitCode, flagged, run.Report.Timings.FirstOrDefault(t => t.Name == slow)?.Ratio);
                    outcomes.Add(outcome);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ci-rates: {kind} run {i}: exit {outcome.ExitCode}, flagged [{string.Join(", ", flagged)}]{(outcome.SlowRatio is { } r ? $", {slow} {r:0.00}×" : string.Empty)}"));
                }
            }

            var unchanged = outcomes.Where(o => o.Kind == "unchanged").ToList();
            var injected = outcomes.Where(o => o.Kind != "unchanged").ToList();
            var falseAlarms = unchanged.Count(o => o.ExitCode != GateExitCodes.Passed);
            var detected = injected.Count(o => o.ExitCode == GateExitCodes.Regressed && o.Flagged.SequenceEqual([slow]));
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"false alarms: {falseAlarms} of {unchanged.Count} unchanged runs; detected: {detected} of {injected.Count} runs with {slow} 2× slower (and nothing else flagged)");
            manifest.Parameters["rates"] = summary;
            await writer.WriteJsonAsync("rates", new { manifest, slow, runs = outcomes, falseAlarms, detected }, cancellationToken).ConfigureAwait(false);
            var table = string.Join('\n', outcomes.Select(o => string.Create(CultureInfo.InvariantCulture,
                $"| {o.Kind} | {o.Run} | {o.ExitCode} | {string.Join(", ", o.Flagged)} | {(o.SlowRatio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–")} |")));
            await writer.WriteMarkdownAsync("rates", $"# CI timing gate error rates\n\n**{summary}**\n\n| runs | # | exit | flagged | {slow} ratio |\n|---|---|---|---|---|\n{table}\n", cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine("ci-rates: " + summary);
            Console.WriteLine("ci-rates: " + Path.Combine(writer.Directory, "rates.md"));
            return falseAlarms == 0 && detected == injected.Count ? 0 : 1;
        }
        catch (ProvisioningException ex)
        {
            await Console.Error.WriteLineAsync("ci-rates: invalid run: " + ex.Message).ConfigureAwait(false);
            return GateExitCodes.InvalidRun;
        }
    }

    private static (string Value, string[] Remaining) Take(string[] args, string flag, string fallback)
    {
        var index = Array.IndexOf(args, flag);
        return index < 0 ? (fallback, args)
            : index + 1 < args.Length ? (args[index + 1], [.. args[..index], .. args[(index + 2)..]])
            : throw new ArgumentException($"{flag} needs a value.");
    }

    private sealed record RateRun(string Kind, int Run, int ExitCode, IReadOnlyList<string> Flagged, double? SlowRatio);
}
