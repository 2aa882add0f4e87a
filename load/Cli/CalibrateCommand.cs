using System.Globalization;
using System.Text;
using System.Text.Json;
using Perf.Load.Calibration;
using Perf.Load.Model;
using Perf.Load.Reports;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>calibrate</c>: the runner against wrk on endpoints it hosts itself, in one run.</summary>
/// <remarks>
/// wrk (Debian's 4.1) is closed-loop only, so the fixed-rate comparison sets the runner's open-model p50 at a
/// modest rate beside wrk's p50 at one connection (both then see an idle server), and the throughput comparison
/// sets the runner's closed model against wrk with the same number of connections.
/// </remarks>
internal static class CalibrateCommand
{
    private const double P50Tolerance = 0.10;
    private const double MinThroughputRatio = 0.8;

    public static async Task<int> ExecuteAsync(CommandArguments args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var rate = args.GetDouble("rate", 500);
        var duration = args.GetDuration("duration", TimeSpan.FromSeconds(6));
        var connections = args.GetInt("connections", 16);
        var rounds = Math.Max(1, args.GetInt("rounds", 3));
        var wrk = args.Get("wrk") ?? "wrk";
        var output = args.Get("out");
        args.RejectUnknown();
        RunSettingsParser.PositiveRate(rate, "--rate");
        if (connections <= 0 || duration < TimeSpan.FromSeconds(1))
        {
            throw new ConfigurationException("--connections must be positive and --duration at least 1s.");
        }

        var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            console.MarkupLine(Markup.Escape($"calibrating against {server.BaseAddress} with {wrk}; {duration.TotalSeconds:0}s per measurement"));
            var warm = TimeSpan.FromSeconds(1);
            var latencies = new List<CalibrationLatency>();
            var pause = Math.Max(1, (int)Math.Round(1000 / rate));
            foreach (var path in new[] { "/", "/spin/200" })
            {
                // wrk paces itself (pause after each response), so its achieved rate sets the runner's fixed rate.
                var url = new Uri(server.BaseAddress, path);
                var wrkPaced = await WrkRunner.RunAsync(wrk, url, 1, 1, duration, pause, cancellationToken).ConfigureAwait(false);
                var fixedRate = wrkPaced.RequestsPerSecond;
                var open = await RunAsync(server.BaseAddress, path, LoadProfile.ConstantRate(fixedRate, duration, warm), cancellationToken).ConfigureAwait(false);
                var closed = await RunAsync(server.BaseAddress, path, LoadProfile.Closed(1, duration, warm), cancellationToken).ConfigureAwait(false);
                var wrkOne = await WrkRunner.RunAsync(wrk, url, 1, 1, duration, 0, cancellationToken).ConfigureAwait(false);
                var row = new CalibrationLatency(path, fixedRate, open.Total.Latency.P50, open.Total.ServiceTime.P50, wrkPaced.P50Ms, closed.Total.Latency.P50, wrkOne.P50Ms);
                latencies.Add(row);
                console.MarkupLine(Markup.Escape(string.Create(
                    CultureInfo.InvariantCulture,
                    $"p50 {path}: runner open @{fixedRate:0}/s {row.RunnerOpenP50Ms:0.###} ms vs wrk c=1 paced {pause} ms {row.WrkPacedP50Ms:0.###} ms (x{row.PacedRatio:0.00}); back to back: runner c=1 {row.RunnerClosedP50Ms:0.###} ms vs wrk c=1 {row.WrkP50Ms:0.###} ms (x{row.BackToBackRatio:0.00})")));
            }

            // The machine is shared: alternate runner and wrk and keep the best of each, so a burst of someone
            // else's work does not decide the ratio.
            double runnerBest = 0, wrkBest = 0;
            for (var round = 0; round < rounds; round++)
            {
                var runnerMax = await RunAsync(server.BaseAddress, "/", LoadProfile.Closed(connections, duration, warm), cancellationToken).ConfigureAwait(false);
                var wrkMax = await WrkRunner.RunAsync(wrk, new Uri(server.BaseAddress, "/"), 2, connections, duration, 0, cancellationToken).ConfigureAwait(false);
                runnerBest = Math.Max(runnerBest, runnerMax.Total.Rps);
                wrkBest = Math.Max(wrkBest, wrkMax.RequestsPerSecond);
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"max rate round {round + 1}: runner {runnerMax.Total.Rps:0} req/s, wrk {wrkMax.RequestsPerSecond:0} req/s")));
            }

            var throughput = new CalibrationThroughput("/", connections, runnerBest, wrkBest);
            console.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"max rate /: runner closed c={connections} {throughput.RunnerRps:0} req/s, wrk -t2 -c{connections} {throughput.WrkRps:0} req/s -> ratio {throughput.Ratio:0.00}")));

            var markdown = Render(latencies, throughput);
            var directory = output ?? RunSession.DefaultDirectory("calibrate");
            Directory.CreateDirectory(directory);
            var utf8 = new UTF8Encoding(false);
            await File.WriteAllTextAsync(Path.Combine(directory, "calibration.md"), markdown, utf8, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(
                Path.Combine(directory, "calibration.json"),
                JsonSerializer.Serialize(new { latencies, throughput }, SummaryJson.Options) + "\n",
                utf8,
                cancellationToken).ConfigureAwait(false);
            console.Write(new Text(markdown));
            console.MarkupLine("results: " + Markup.Escape(directory));
            var met = latencies.All(l => Math.Abs(l.PacedRatio - 1) <= P50Tolerance) && throughput.Ratio >= MinThroughputRatio;
            return met ? ExitCodes.Pass : ExitCodes.ThresholdsFailed;
        }
    }

    private static async Task<RunSummary> RunAsync(Uri url, string path, LoadProfile profile, CancellationToken cancellationToken)
    {
        var settings = RunSettings.Create(url, "get:" + path, profile);
        var target = LoadTarget.ForUrl(url);
        var (summary, _, _) = await RunSession.ExecuteAsync(settings, target, null, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static string Render(IReadOnlyList<CalibrationLatency> latencies, CalibrationThroughput throughput)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append("## Calibration against wrk\n\np50 in ms. Fixed rate: runner open model vs wrk on one connection pausing 1/rate between requests (wrk has no fixed-rate mode). Back to back: runner closed model, 1 worker, vs wrk -c1.\n\n");
        md.Append("| endpoint | runner open @ rate | runner service | wrk paced c=1 | ratio | target ±10 % | runner c=1 back to back | wrk c=1 | ratio |\n|---|---:|---:|---:|---:|---|---:|---:|---:|\n");
        foreach (var l in latencies)
        {
            md.Append(inv, $"| `{l.Path}` | {l.RunnerOpenP50Ms:0.###} @ {l.FixedRate:0}/s | {l.RunnerOpenServiceP50Ms:0.###} | {l.WrkPacedP50Ms:0.###} | {l.PacedRatio:0.00} | {(Math.Abs(l.PacedRatio - 1) <= P50Tolerance ? "met" : "NOT met")} | {l.RunnerClosedP50Ms:0.###} | {l.WrkP50Ms:0.###} | {l.BackToBackRatio:0.00} |\n");
        }

        md.Append(inv, $"\nMax rate: best of alternating rounds.\n\n| max rate `{throughput.Path}` | runner closed c={throughput.Connections} | wrk -t2 -c{throughput.Connections} | ratio | target ≥ 0.8 |\n|---|---:|---:|---:|---|\n");
        md.Append(inv, $"| req/s | {throughput.RunnerRps:0} | {throughput.WrkRps:0} | {throughput.Ratio:0.00} | {(throughput.Ratio >= MinThroughputRatio ? "met" : "NOT met")} |\n");
        return md.ToString();
    }
}
