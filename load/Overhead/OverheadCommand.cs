using System.CommandLine;
using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Results;
using Perf.Load.Capacity;
using Perf.Load.Cli;
using Perf.Load.Measurement;
using Perf.Load.Reports;
using Perf.Load.Scenarios;
using Spectre.Console;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Load.Overhead;

/// <summary><c>overhead</c>: the same scenario mix and rate steps against the query layer alone and the in-process API (cache off, cache on), taking turns at each rate; the API's capacity over the database's and its latency per endpoint.</summary>
internal static class OverheadCommand
{
    /// <summary>The API with its cache off must sustain at least this share of the database-only capacity.</summary>
    public const double TargetRatio = 0.7;

    private const string DatabaseArm = "database";

    /// <summary>The <c>overhead</c> command.</summary>
    public static Command Create(RunOptions options, LoadContext context) => CapacitySteps.CreateCommand(
        "overhead",
        "Database alone vs the API (cache off, cache on): the same mix and rate steps on each, in turns; prints each capacity, the API's share of the database's (target ≥ 0.7×) and its latency overhead per endpoint.",
        options,
        context,
        ExecuteAsync);

    private static async Task<int> ExecuteAsync(RunSettings settings, CapacitySteps search, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Url is not null || settings.InProcess is not { } inProcess)
        {
            throw new UsageException("overhead needs the database under the API: run it without --url (the API is hosted in-process over --variant's database).");
        }

        var server = await InProcessApi.ProvisionAsync(inProcess, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            // Created before the search, so its start, the machine's activity and the yardstick cover the whole run.
            var manifest = RunManifest.Create("load-overhead", server, settings.Arguments ?? []);
            // Created with the first step's results, so a run stopped by bad input leaves no folder.
            ResultWriter? writer = null;
            async Task<string> DirectoryAsync() => (writer ??= await ResultWriter.CreateAsync(manifest, settings.OutputDirectory, settings.Label ?? settings.Scenarios[0].Name, cancellationToken).ConfigureAwait(false)).Directory;
            var apiOff = await InProcessApi.StartOnAsync(server, inProcess with { Caching = false }, settings.Traffic, cancellationToken).ConfigureAwait(false);
            await using (apiOff.ConfigureAwait(false))
            {
                // The same tables, counted once: the second API takes the first one's count.
                var apiOn = await InProcessApi.StartOnAsync(server, inProcess with { Caching = true }, settings.Traffic, new InProcessApi.CountedDataset(apiOff.Seeded), cancellationToken).ConfigureAwait(false);
                await using (apiOn.ConfigureAwait(false))
                {
                    var database = VariantDatabase.Name(inProcess.DatabasePrefix, inProcess.Variant);
                    var queries = new QueryLayer(await server.CreateReadOnlyAccountAsync([database], cancellationToken).ConfigureAwait(false));
                    await using (queries.ConfigureAwait(false))
                    {
                        var traffic = settings.TrafficFor(apiOff);
                        Arm[] arms =
                        [
                            // Its requests are code (the query layer, in this process, as the API would call it), which the awaited engine runs.
                            new(DatabaseArm, apiOff with { Description = $"the query layer alone (no HTTP, cache or JSON) over {server.Info}, database {database}", Owner = null },
                                settings,
                                () => settings.CreateMix(traffic).Map(s => new QueryLayerScenario(s, queries, settings.RequestTimeout))),
                            new("api-cache-off", apiOff, settings, () => settings.CreateMix(traffic)),
                            new("api-cache-on", apiOn, settings, () => settings.CreateMix(traffic)),
                        ];
                        var result = await SearchAsync(arms, search, DirectoryAsync, console, cancellationToken).ConfigureAwait(false);
                        manifest.Parameters["variant"] = inProcess.Variant.ToString().ToLowerInvariant();
                        manifest.Parameters["database"] = database;
                        manifest.Parameters["scenarios"] = string.Join(',', settings.Scenarios.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}:{s.Weight:0.##}")));
                        manifest.Parameters["rates"] = string.Create(CultureInfo.InvariantCulture, $"{search.StartRate:0.##}..{search.MaxRate:0.##} step {search.Step:0.##}, {search.StepDuration.TotalSeconds:0.##} s each (longer where the thresholds' percentiles need more requests) after {search.Warmup.TotalSeconds:0.##} s warm-up");
                        if (apiOff.Dataset is { } dataset)
                        {
                            manifest.Parameters["dataset"] = dataset;
                        }

                        manifest.Dataset = apiOff.Seeded;

                        manifest.EndedUtc = DateTime.UtcNow;
                        await writer!.WriteJsonAsync("overhead", result, cancellationToken).ConfigureAwait(false);
                        await writer.WriteReportAsync("overhead", OverheadReport.Build(result), html: false, cancellationToken).ConfigureAwait(false);
                        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                        Print(result, console);
                        console.MarkupLine("results: " + Markup.Escape(writer.Directory));
                        return result.Arms.Any(a => a.Capacity.MaxPassingRate is not null) ? ExitCodes.Success : ExitCodes.ThresholdsFailed;
                    }
                }
            }
        }
    }

    /// <summary>Raises the rate step by step; at each rate every arm still passing runs once, the arms taking turns in a rotating order.</summary>
    private static async Task<OverheadResult> SearchAsync(Arm[] arms, CapacitySteps search, Func<Task<string>> directory, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var steps = arms.Select(_ => new List<CapacityStep>()).ToArray();
        var configurations = new RunConfiguration?[arms.Length];
        var stopped = new bool[arms.Length];
        var compared = new ReportInput?[arms.Length];
        var previous = new RunSummary?[arms.Length];
        var stepIndex = 0;
        foreach (var rate in search.Rates())
        {
            if (stopped.All(s => s))
            {
                break;
            }

            for (var turn = 0; turn < arms.Length; turn++)
            {
                var a = (turn + stepIndex) % arms.Length;
                if (stopped[a])
                {
                    continue;
                }

                var arm = arms[a];
                var (summary, report, stepManifest) = await search.RunStepAsync(
                    rate,
                    arm.Settings.Thresholds,
                    previous[a],
                    profile => RunSession.ExecuteAsync(arm.Settings.WithProfile(profile), arm.Target, arm.Mix(), null, cancellationToken),
                    line => console.MarkupLine(Markup.Escape($"{arm.Name,-14} {line}"))).ConfigureAwait(false);
                previous[a] = summary;
                var step = CapacityStep.From(rate, summary);
                steps[a].Add(step);
                configurations[a] = summary.Configuration;
                compared[a] ??= report;
                await ReportWriter.WriteAsync(report, stepManifest, Path.Combine(await directory().ConfigureAwait(false), arm.Name, string.Create(CultureInfo.InvariantCulture, $"rate-{rate:0.##}")), html: false, cancellationToken).ConfigureAwait(false);
                console.MarkupLine($"{arm.Name,-14} " + CapacityCommand.StepLine(step));
                stopped[a] = summary.Verdict != Verdict.Pass;
            }

            stepIndex++;
        }

        var results = arms.Select((arm, a) =>
        {
            var passing = steps[a].TakeWhile(s => s.Verdict == Verdict.Pass).ToList();
            double? firstFailing = steps[a].Count > passing.Count ? steps[a][passing.Count].Rate : null;
            return new OverheadArm(arm.Name, arm.Target.Description, new CapacityResult(passing.Count == 0 ? null : passing[^1].Rate, firstFailing, configurations[a]!, steps[a]));
        }).ToList();
        return new OverheadResult(search.StartRate, results, Latencies(arms, compared), CapacityRatio.Of(results[1].Capacity, results[0].Capacity), TargetRatio);
    }

    /// <summary>Per endpoint (and for all requests), each arm's p50 and p95 at the first rate.</summary>
    private static List<EndpointLatencies> Latencies(Arm[] arms, ReportInput?[] compared)
    {
        static ArmLatency Of(string arm, StatsSnapshot stats) =>
            new(arm, stats.Count, Histograms.EstimateMs(stats.Latency, 50), Histograms.EstimateMs(stats.Latency, 95));

        var endpoints = compared[0]!.Endpoints.Where(e => e.Count > 0).Select(e => e.Name).ToList();
        var rows = endpoints.Select(name => new EndpointLatencies(name, [.. arms.Select((arm, a) =>
            compared[a]!.Endpoints.FirstOrDefault(e => e.Name == name) is { Count: > 0 } stats
                ? Of(arm.Name, stats)
                : new ArmLatency(arm.Name, 0, OrderStatistics.Estimate([], 50), OrderStatistics.Estimate([], 95)))])).ToList();
        rows.Add(new EndpointLatencies("all", [.. arms.Select((arm, a) => Of(arm.Name, compared[a]!.Total))]));
        return rows;
    }

    private static void Print(OverheadResult result, IAnsiConsole console)
    {
        foreach (var arm in result.Arms)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{arm.Name,-14} capacity {OverheadReport.Capacity(arm.Capacity)}")));
        }

        foreach (var endpoint in result.Endpoints)
        {
            console.MarkupLine(Markup.Escape($"{endpoint.Endpoint,-10} p50 " + string.Join("  ", endpoint.Arms.Select(a => $"{a.Arm} {ReportFormat.Estimate(a.P50)}"))));
        }

        console.MarkupLine(Markup.Escape(OverheadReport.Conclusion(result)));
    }

    /// <summary>One arm: where its requests go, with which settings, and a fresh mix per step (walks start over each step, as in a capacity search).</summary>
    private sealed record Arm(string Name, LoadTarget Target, RunSettings Settings, Func<ScenarioMix> Mix);
}
