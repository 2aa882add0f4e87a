using System.CommandLine;
using System.Globalization;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Load.Calibration;
using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Reports;
using Spectre.Console;
using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary><c>calibrate</c>: the runner against wrk on a trivial server in its own process, in one run.</summary>
/// <remarks>
/// wrk (Debian's 4.1) is closed-loop only, so the fixed-rate comparison sets the runner's open-model p50 at the rate wrk
/// achieves on one connection pausing between requests (both then see an idle server) beside wrk's p50 there, and the
/// throughput comparison sets the runner's closed model against wrk with the same number of connections. The machine
/// is shared and its latencies drift by tens of percent within a minute, so every runner measurement runs between two
/// of wrk's and the median of the rounds' ratios is compared, beside wrk's own run-to-run spread. The child server
/// runs on half the CPUs and both clients on the other half (<c>--no-pin</c> lets all three share them), so neither
/// client competes with the server for a CPU. <c>--url</c> names a <c>testserver</c> run elsewhere.
/// </remarks>
internal static class CalibrateCommand
{
    /// <summary>Runner p50 / wrk p50 within ±10 %.</summary>
    private static readonly CalibrationTarget P50Target = new(0.9, 1.1);

    /// <summary>Runner throughput at least 0.8× wrk's.</summary>
    private static readonly CalibrationTarget ThroughputTarget = new(0.8, double.PositiveInfinity);
    private static readonly string[] Paths = ["/", "/spin/200"];
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    /// <summary>The <c>calibrate</c> command.</summary>
    public static Command Create(LoadContext context)
    {
        Option<double> rate = new("--rate") { Description = "the open model's highest rate, requests/s", DefaultValueFactory = _ => 500, HelpName = "N" };
        var duration = Duration.Option("--duration", TimeSpan.FromSeconds(2), "each measurement's duration (at least 1s)");
        Option<int> connections = new("--connections") { Description = "connections of the max-rate comparison", DefaultValueFactory = _ => 16, HelpName = "N" };
        Option<int> rounds = new("--rounds") { Description = "rounds per comparison", DefaultValueFactory = _ => 21, HelpName = "N" };
        var wrk = NonEmptyText.Option("--wrk", "the wrk executable", "path");
        wrk.DefaultValueFactory = _ => "wrk";
        Option<string?> url = new("--url") { Description = "a testserver run elsewhere (default: one in a child process)", HelpName = "url" };
        Option<bool> noPin = new("--no-pin") { Description = "let the testserver, wrk and the runner share every CPU (default: the server on the upper half)" };
        var command = new Command("calibrate", "The runner against wrk on a trivial server in its own process, in one run.")
        {
            rate, duration, connections, rounds, wrk, url, context.Harness.Results, noPin,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            parse.GetValue(rate),
            parse.GetValue(duration),
            parse.GetValue(connections),
            parse.GetValue(rounds),
            parse.GetRequiredValue(wrk)!,
            RunOptions.ParseUrl(parse.GetValue(url)),
            parse.GetValue(context.Harness.Results),
            !parse.GetValue(noPin),
            context,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        double rate, TimeSpan duration, int connections, int rounds, string wrk, Uri? url, string? output, bool pin, LoadContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        RunOptions.PositiveRate(rate, "--rate");
        if (connections <= 0 || rounds <= 0 || duration < TimeSpan.FromSeconds(1))
        {
            throw new UsageException("--connections and --rounds must be positive and --duration at least 1s.");
        }

        if (url is not null && url.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException("calibrate compares plain http only: wrk and the raw transport speak no TLS here.");
        }

        var wrkVersion = await WrkRunner.VersionAsync(wrk, cancellationToken).ConfigureAwait(false);
        var cpus = url is null && pin ? CpuAffinity.Split() : null;
        var own = cpus is null ? null : CpuAffinity.Allowed();
        var child = url is null ? await TestServerProcess.StartAsync(cpus?.Server, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            if (cpus is { } split)
            {
                // wrk starts from these threads and the runner's threads start from them: both clients on the same CPUs.
                CpuAffinity.SetProcess(split.Clients);
            }

            var server = child?.BaseAddress ?? url!;
            await TargetResolver.EnsureReachableAsync(server, cancellationToken).ConfigureAwait(false);
            var manifest = RunManifest.Create("load-calibrate", null, context.Arguments);
            manifest.Parameters["wrk"] = wrkVersion;
            manifest.Parameters["server"] = child is null ? server.ToString() : "testserver in a child process";
            manifest.Parameters["cpus"] = cpus is { } pinned
                ? $"testserver {CpuAffinity.Format(pinned.Server)}; runner and wrk {CpuAffinity.Format(pinned.Clients)}"
                : url is not null ? "not pinned (--url)"
                : !pin ? "not pinned (--no-pin)"
                : CpuAffinity.IsSupported ? "not pinned (fewer than 2 CPUs)" : "not pinned (not Linux)";
            manifest.Parameters["socket-completions"] = InlineSocketCompletions.Enabled ? "inline" : "thread pool";
            manifest.Parameters["rounds"] = rounds.ToString(CultureInfo.InvariantCulture);
            manifest.Parameters["duration"] = string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");
            console.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"calibrating against {server} with {wrkVersion}; {rounds} rounds, {duration.TotalSeconds:0}s per measurement")));

            var pause = Math.Max(1, (int)Math.Round(1000 / rate));
            var latencies = new List<CalibrationLatency>();
            foreach (var path in Paths)
            {
                latencies.Add(await CompareLatencyAsync(server, path, pause, rounds, duration, wrk, console, cancellationToken).ConfigureAwait(false));
            }

            var throughput = await CompareThroughputAsync(server, connections, rounds, duration, wrk, console, cancellationToken).ConfigureAwait(false);
            var document = Build(latencies, throughput, pause);
            manifest.EndedUtc = DateTime.UtcNow;
            var writer = await ResultWriter.CreateAsync(manifest, output, cancellationToken).ConfigureAwait(false);
            await writer.WriteJsonAsync("calibration", new { latencies, throughput }, cancellationToken).ConfigureAwait(false);
            await writer.WriteReportAsync("calibration", document, html: false, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            console.Write(new Text(MarkdownRenderer.Render(document)));
            console.MarkupLine("results: " + Markup.Escape(writer.Directory));
            return ExitCode(latencies, throughput);
        }
        finally
        {
            if (own is not null)
            {
                CpuAffinity.SetProcess(own);
            }

            if (child is not null)
            {
                await child.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The fixed-rate sequence wrk paced, runner open, wrk paced, …, then the back-to-back sequence wrk c=1, runner
    /// closed c=1, wrk c=1, …: every runner measurement lies between two of wrk's, taken just before and just after it.
    /// </summary>
    private static async Task<CalibrationLatency> CompareLatencyAsync(
        Uri server, string path, int pause, int rounds, TimeSpan duration, string wrk, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var url = new Uri(server, path);
        var paced = new List<WrkResult> { await WrkRunner.RunAsync(wrk, url, 1, 1, duration, pause, cancellationToken).ConfigureAwait(false) };
        var open = new List<RunSummary>();
        for (var round = 0; round < rounds; round++)
        {
            open.Add(await RunAsync(server, path, LoadProfile.ConstantRate(paced[^1].RequestsPerSecond, duration, Warmup), cancellationToken).ConfigureAwait(false));
            paced.Add(await WrkRunner.RunAsync(wrk, url, 1, 1, duration, pause, cancellationToken).ConfigureAwait(false));
        }

        var backToBack = new List<WrkResult> { await WrkRunner.RunAsync(wrk, url, 1, 1, duration, 0, cancellationToken).ConfigureAwait(false) };
        var closed = new List<RunSummary>();
        for (var round = 0; round < rounds; round++)
        {
            closed.Add(await RunAsync(server, path, LoadProfile.Closed(1, duration, Warmup), cancellationToken).ConfigureAwait(false));
            backToBack.Add(await WrkRunner.RunAsync(wrk, url, 1, 1, duration, 0, cancellationToken).ConfigureAwait(false));
        }

        var results = new List<CalibrationRound>();
        for (var round = 0; round < rounds; round++)
        {
            var result = new CalibrationRound(
                paced[round].RequestsPerSecond,
                open[round].Total.Latency.P50,
                open[round].Total.ServiceTime.P50,
                paced[round].P50Ms,
                paced[round + 1].P50Ms,
                closed[round].Total.Latency.P50,
                backToBack[round].P50Ms,
                backToBack[round + 1].P50Ms);
            results.Add(result);
            console.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"p50 {path} round {round + 1}: wrk paced {pause} ms {result.WrkPacedBeforeP50Ms:0.###} ms, runner open @{result.FixedRate:0}/s {result.RunnerOpenP50Ms:0.###} ms, wrk {result.WrkPacedAfterP50Ms:0.###} ms (ratio {result.PacedRatio:0.00}); back to back: wrk {result.WrkBeforeP50Ms:0.###}, runner {result.RunnerClosedP50Ms:0.###}, wrk {result.WrkAfterP50Ms:0.###} ms")));
        }

        return new CalibrationLatency(path, results);
    }

    /// <summary>Rounds of the runner's closed model and wrk at the same connections, alternating which goes first.</summary>
    private static async Task<CalibrationThroughput> CompareThroughputAsync(
        Uri server, int connections, int rounds, TimeSpan duration, string wrk, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var results = new List<ThroughputRound>();
        var url = new Uri(server, "/");
        for (var round = 0; round < rounds; round++)
        {
            double runnerRps, wrkRps;
            if (round % 2 == 0)
            {
                runnerRps = (await RunAsync(server, "/", LoadProfile.Closed(connections, duration, Warmup), cancellationToken).ConfigureAwait(false)).Total.Rps;
                wrkRps = (await WrkRunner.RunAsync(wrk, url, 2, connections, duration, 0, cancellationToken).ConfigureAwait(false)).RequestsPerSecond;
            }
            else
            {
                wrkRps = (await WrkRunner.RunAsync(wrk, url, 2, connections, duration, 0, cancellationToken).ConfigureAwait(false)).RequestsPerSecond;
                runnerRps = (await RunAsync(server, "/", LoadProfile.Closed(connections, duration, Warmup), cancellationToken).ConfigureAwait(false)).Total.Rps;
            }

            results.Add(new ThroughputRound(runnerRps, wrkRps));
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"max rate round {round + 1}: runner {runnerRps:0} req/s, wrk {wrkRps:0} req/s")));
        }

        return new CalibrationThroughput("/", connections, results);
    }

    private static async Task<RunSummary> RunAsync(Uri url, string path, LoadProfile profile, CancellationToken cancellationToken)
    {
        var settings = RunSettings.Create(url, "get:" + path, profile);
        var target = LoadTarget.ForUrl(url);
        var (summary, _, _) = await RunSession.ExecuteAsync(settings, target, null, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>0 when every target is met by its interval, 99 when one is shown missed, otherwise 110 (no verdict).</summary>
    internal static int ExitCode(IReadOnlyList<CalibrationLatency> latencies, CalibrationThroughput throughput) =>
        CalibrationTarget.ExitCode([.. latencies.Select(l => P50Target.Judge(l.PacedRatioInterval)), ThroughputTarget.Judge(throughput.RatioInterval)]);

    /// <summary>The calibration report: both comparisons with each target's verdict and the interval it rests on.</summary>
    internal static ReportDocument Build(IReadOnlyList<CalibrationLatency> latencies, CalibrationThroughput throughput, int pause)
    {
        var inv = CultureInfo.InvariantCulture;
        var latencyRows = latencies.Select(l =>
        {
            var (low, high) = l.PacedRatioQuartiles;
            var (driftLow, driftHigh) = l.WrkPacedDriftQuartiles;
            return (IReadOnlyList<string>)
            [
                $"`{l.Path}`",
                string.Create(inv, $"{l.RunnerOpenP50Ms:0.###} @ {l.FixedRate:0}/s"),
                l.RunnerOpenServiceP50Ms.ToString("0.###", inv),
                l.WrkPacedP50Ms.ToString("0.###", inv),
                string.Create(inv, $"{l.PacedRatio:0.00} ({low:0.00}–{high:0.00})"),
                string.Create(inv, $"{driftLow:0.00}–{driftHigh:0.00}"),
                P50Target.Describe(l.PacedRatioInterval),
                l.RunnerClosedP50Ms.ToString("0.###", inv),
                l.WrkP50Ms.ToString("0.###", inv),
                l.BackToBackRatio.ToString("0.00", inv),
            ];
        }).ToList();
        return new ReportDocument("Calibration against wrk",
        [
            new ReportParagraph(string.Create(inv, $"p50 in ms, medians over {latencies[0].Rounds.Count} rounds; in each round the runner ran between two wrk runs of the same kind, and a ratio is the median of the rounds' runner / (mean of the wrk runs around it); each round's figures are in calibration.json. Fixed rate: the runner's open model (end − intended) at the rate the wrk run before it achieved on one connection pausing {pause} ms after each response (wrk has no fixed-rate mode). wrk vs wrk: the middle half of wrk's paced p50 after / before, the spread a round has without the runner. Back to back: the runner's closed model with 1 worker vs wrk -c1. A target is met when the 95 % order-statistic interval of the rounds' median ratio lies inside it, NOT met when the interval lies wholly outside, and not settled otherwise (exit 110).")),
            new ReportTable(["endpoint", "runner open @ rate", "runner service", "wrk paced c=1", "ratio (middle half of rounds)", "wrk vs wrk", "target ±10 %", "runner c=1 back to back", "wrk c=1", "ratio"], latencyRows)
            {
                NumericColumns = [1, 2, 3, 4, 5, 7, 8, 9],
            },
            new ReportParagraph("Max rate: medians over the same number of alternating rounds; the ratio is the median of each round's ratio."),
            new ReportTable(
                [$"max rate `{throughput.Path}`", string.Create(inv, $"runner closed c={throughput.Connections}"), string.Create(inv, $"wrk -t2 -c{throughput.Connections}"), "ratio", "target ≥ 0.8"],
                [["req/s", throughput.RunnerRps.ToString("0", inv), throughput.WrkRps.ToString("0", inv), throughput.Ratio.ToString("0.00", inv), ThroughputTarget.Describe(throughput.RatioInterval)]])
            {
                NumericColumns = [1, 2, 3],
            },
        ]);
    }
}
