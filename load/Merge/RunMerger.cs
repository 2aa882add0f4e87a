using HdrHistogram;
using Perf.Harness.Results;
using Perf.Load.Execution;
using Perf.Load.Measurement;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;

namespace Perf.Load.Merge;

/// <summary>Adds the results of several load machines: histograms from their interval logs are summed (percentiles are never averaged), counts add, and thresholds are evaluated on the sum.</summary>
internal static class RunMerger
{
    /// <summary>Reads each run directory's <c>summary.json</c> and <c>latency.hlog</c> and merges them.</summary>
    public static async Task<ReportInput> MergeAsync(IReadOnlyList<string> directories, IReadOnlyList<Threshold> extraThresholds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(extraThresholds);
        if (directories.Count == 0)
        {
            throw new UsageException("merge needs at least one run directory.");
        }

        if (directories.GroupBy(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            // Its requests would count twice: twice the count and rate, and the same latencies weighted double.
            throw new UsageException($"merge was given '{twice.Key}' {twice.Count()} times: each run directory once.");
        }

        var runs = new List<(string Directory, RunSummary Summary, IReadOnlyList<HistogramLogEntry> Log)>();
        foreach (var directory in directories)
        {
            var summaryPath = Path.Combine(directory, ReportWriter.SummaryFile);
            var logPath = Path.Combine(directory, ReportWriter.IntervalLogFile);
            if (!File.Exists(summaryPath) || !File.Exists(logPath))
            {
                throw new UsageException($"'{directory}' is not a run directory: it needs {ReportWriter.SummaryFile} and {ReportWriter.IntervalLogFile}.");
            }

            try
            {
                var summary = await SummaryJson.ReadAsync(summaryPath, cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(logPath);
                runs.Add((directory, summary, HistogramLog.Read(reader)));
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException)
            {
                throw new UsageException($"'{directory}' is not a run directory: {ex.Message}");
            }
        }

        return Merge(runs, extraThresholds);
    }

    /// <summary>
    /// Reads each run directory's <c>manifest.json</c> and fails when one has none (the merged run's dataset, commits and
    /// machines would leave it out) or the runs measured different datasets: their requests would not be samples of one system.
    /// </summary>
    public static async Task<IReadOnlyList<RunManifest>> ReadManifestsAsync(IReadOnlyList<string> directories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var manifests = new List<(string Directory, RunManifest Manifest)>();
        foreach (var directory in directories)
        {
            var path = Path.Combine(directory, ResultWriter.ManifestFileName);
            if (!File.Exists(path))
            {
                throw new UsageException($"'{directory}' has no {ResultWriter.ManifestFileName}: the merged run's provenance (dataset, commits, machines) would leave that run out; merge only run directories the load tool wrote whole.");
            }

            try
            {
                manifests.Add((directory, await RunManifestFile.ReadAsync(path, cancellationToken).ConfigureAwait(false)));
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException($"'{directory}' is not a run directory: {ex.Message}");
            }
        }

        var datasets = manifests.Select(m => (m.Directory, Dataset: Describe(m.Manifest.Dataset))).ToList();
        if (datasets.FirstOrDefault(d => d.Dataset != datasets[0].Dataset) is { Directory: not null } other)
        {
            throw new UsageException($"Runs do not match: '{datasets[0].Directory}' measured {datasets[0].Dataset} but '{other.Directory}' measured {other.Dataset}.");
        }

        return [.. manifests.Select(m => m.Manifest)];

        static string Describe(DatasetInfo? dataset) => dataset is null ? "no recorded dataset" : "dataset " + dataset.Describe();
    }

    /// <summary>Puts the source runs' provenance into the merged run's manifest: their common dataset, and each one's commit and machine.</summary>
    public static void AddProvenance(RunManifest merged, IReadOnlyList<RunManifest> sources)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(sources);
        merged.Dataset ??= sources.Select(s => s.Dataset).FirstOrDefault(d => d is not null);
        merged.Parameters["mergedCommits"] = string.Join(", ", sources.Select(s => s.Git is { } git ? git.Commit + (git.Dirty == true ? " (dirty)" : string.Empty) : "unknown"));
        merged.Parameters["mergedMachines"] = string.Join(", ", sources.Select(s => s.Machine.HostName));
    }

    /// <summary>Merges already-loaded runs; fails with a configuration error when they do not match.</summary>
    public static ReportInput Merge(IReadOnlyList<(string Directory, RunSummary Summary, IReadOnlyList<HistogramLogEntry> Log)> runs, IReadOnlyList<Threshold> extraThresholds)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(extraThresholds);
        var first = runs[0].Summary;
        foreach (var (directory, other, _) in runs.Skip(1))
        {
            if (other.Configuration.Fingerprint != first.Configuration.Fingerprint)
            {
                throw new UsageException(
                    $"Runs do not match: '{runs[0].Directory}' ran [{first.Configuration.Fingerprint}] but '{directory}' ran [{other.Configuration.Fingerprint}].");
            }
        }

        // Rates are over the time any run was measuring: the longest run's length when they ran together (as before), their
        // sum when they ran one after another (the longest alone would double a rate for two runs' requests).
        var spans = runs.Select(r => (Start: r.Summary.StartedUtc, End: r.Summary.StartedUtc.AddSeconds(r.Summary.MeasuredSeconds))).ToList();
        var seconds = UnionSeconds(spans);
        var overlap = Math.Max(0, (spans.Min(s => s.End) - spans.Max(s => s.Start)).TotalSeconds);
        var allEntries = runs.SelectMany(r => r.Log).ToList();
        var total = Snapshot("total", runs.Select(r => r.Summary.Total), allEntries, null, RunRecorder.ServiceTag);
        var scenarios = GroupNames(runs, s => s.Scenarios)
            .Select(n => Snapshot(n, runs.Select(r => r.Summary.Scenarios.FirstOrDefault(g => g.Name == n)), allEntries, "scenario." + n, $"{RunRecorder.ServiceTag}.scenario.{n}"))
            .ToList();
        var endpoints = GroupNames(runs, s => s.Endpoints)
            .Select(n => Snapshot(n, runs.Select(r => r.Summary.Endpoints.FirstOrDefault(g => g.Name == n)), allEntries, "endpoint." + n, $"{RunRecorder.ServiceTag}.endpoint.{n}"))
            .ToList();

        var thresholds = first.Configuration.Thresholds.Select(ThresholdParser.Parse).Concat(extraThresholds).ToList();
        if (first.Generator.Model != "open" && thresholds.FirstOrDefault(t => t.JudgesLatency) is { } latency)
        {
            // Closed runs written before run refused it carry the default p(95) and p(99) in their summaries.
            throw new UsageException($"Threshold '{latency.Expression}' judges latency, which closed-model runs (--concurrency) hide: their workers waited out any stall instead of sending into it. Judge latency on open-model runs (--rate or --stages).");
        }

        ThresholdEvaluator.Validate(thresholds, [.. endpoints.Select(e => e.Name)], [.. scenarios.Select(s => s.Name)]);
        var generator = MergeGenerators([.. runs.Select(r => r.Summary.Generator)]) with
        {
            TargetRate = PerMergedSecond(runs, r => r.Generator.TargetRate, seconds),
            AchievedRate = PerMergedSecond(runs, r => r.Generator.AchievedRate, seconds),
        };
        var results = ThresholdEvaluator.Evaluate(thresholds, total, scenarios, endpoints, seconds, generator);
        var (verdict, exitCode) = RunSummaryBuilder.Decide(generator, results);
        var start = runs.Min(r => r.Summary.StartedUtc);
        var intervals = MergedTimeline(runs, start);
        var configuration = first.Configuration with
        {
            Target = string.Join(", ", runs.Select(r => r.Summary.Configuration.Target).Distinct(StringComparer.Ordinal)),
            TargetRate = PerMergedSecond(runs, r => r.Configuration.TargetRate, seconds),
            Thresholds = [.. thresholds.Select(t => t.Expression)],
            Label = (first.Configuration.Label is null ? string.Empty : first.Configuration.Label + " ") + $"merged ×{runs.Count}",
        };
        var summary = new RunSummary(
            "Perf.Load",
            verdict,
            exitCode,
            start,
            seconds,
            configuration,
            generator,
            GroupSummary.From(total, seconds),
            [.. scenarios.Select(s => GroupSummary.From(s, seconds))],
            [.. endpoints.Select(e => GroupSummary.From(e, seconds))],
            results,
            RunSummaryBuilder.Timeline(intervals, start),
            [.. runs.Select(r => r.Directory)],
            MergedOverlapSeconds: overlap);
        return new ReportInput(summary, total, endpoints, intervals);
    }

    /// <summary>Generator health of several machines: counts add; send lag takes the worst machine (percentiles are not averaged).</summary>
    internal static GeneratorHealth MergeGenerators(IReadOnlyList<GeneratorHealth> machines)
    {
        ArgumentNullException.ThrowIfNull(machines);
        return new GeneratorHealth(
            machines[0].Model,
            machines.Sum(m => m.TargetRate),
            machines.Sum(m => m.AchievedRate),
            machines.Sum(m => m.Scheduled),
            machines.Sum(m => m.Sent),
            machines.Sum(m => m.LateSends),
            machines.Sum(m => m.Dropped),
            machines.Max(m => m.DispatchLagP99Ms),
            machines.Max(m => m.SendLagP50Ms),
            machines.Max(m => m.SendLagP99Ms),
            machines.Max(m => m.SendLagMaxMs),
            machines.Sum(m => m.PeakInFlight),
            machines.All(m => m.Valid),
            [.. machines.SelectMany((m, i) => m.Problems.Select(p => $"machine {i + 1}: {p}"))])
        {
            DispatchLagMaxMs = machines.All(m => m.DispatchLagMaxMs is not null) ? machines.Max(m => m.DispatchLagMaxMs) : null,
        };
    }

    /// <summary>The length of the union of the runs' measured periods: the time at least one of them was measuring.</summary>
    internal static double UnionSeconds(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var total = TimeSpan.Zero;
        DateTimeOffset? from = null, to = null;
        foreach (var (start, end) in spans.OrderBy(s => s.Start))
        {
            if (to is { } reached && start <= reached)
            {
                to = end > reached ? end : reached;
                continue;
            }

            total += to is { } last ? last - from!.Value : TimeSpan.Zero;
            (from, to) = (start, end);
        }

        return (total + (to is { } final ? final - from!.Value : TimeSpan.Zero)).TotalSeconds;
    }

    /// <summary>A per-second rate of the merged run: each run's rate times its own measured period, spread over the merged period (the sum of the rates when the runs ran together).</summary>
    private static double PerMergedSecond(IEnumerable<(string, RunSummary Summary, IReadOnlyList<HistogramLogEntry>)> runs, Func<RunSummary, double> rate, double seconds) =>
        seconds > 0 ? runs.Sum(r => rate(r.Summary) * r.Summary.MeasuredSeconds) / seconds : runs.Sum(r => rate(r.Summary));

    private static IEnumerable<string> GroupNames(IEnumerable<(string, RunSummary Summary, IReadOnlyList<HistogramLogEntry>)> runs, Func<RunSummary, IReadOnlyList<GroupSummary>> groups) =>
        runs.SelectMany(r => groups(r.Summary)).Select(g => g.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static StatsSnapshot Snapshot(string name, IEnumerable<GroupSummary?> groups, List<HistogramLogEntry> entries, string? latencyTag, string serviceTag)
    {
        var present = groups.OfType<GroupSummary>().ToList();
        var codes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in present.SelectMany(g => g.StatusCodes))
        {
            codes[key] = codes.GetValueOrDefault(key) + value;
        }

        return new StatsSnapshot(
            name,
            present.Sum(g => g.Count),
            present.Sum(g => g.Ok),
            present.Sum(g => g.Bytes),
            codes,
            Sum(entries.Where(e => e.Tag == latencyTag)),
            Sum(entries.Where(e => e.Tag == serviceTag)),
            Histograms.Create());
    }

    private static LongHistogram Sum(IEnumerable<HistogramLogEntry> entries)
    {
        var sum = Histograms.Create();
        foreach (var entry in entries)
        {
            sum.Add(entry.Histogram);
        }

        return sum;
    }

    /// <summary>The machines' untagged intervals added per whole second since the earliest start, with their failed requests.</summary>
    /// <remarks>The log holds no error counts: each run's timeline does, one point per untagged interval in the same order.</remarks>
    private static List<IntervalSnapshot> MergedTimeline(IReadOnlyList<(string Directory, RunSummary Summary, IReadOnlyList<HistogramLogEntry> Log)> runs, DateTimeOffset start)
    {
        var startSeconds = start.ToUnixTimeMilliseconds() / 1000.0;
        var intervals = new List<(HistogramLogEntry Entry, long Errors)>();
        foreach (var (directory, summary, log) in runs)
        {
            var untagged = log.Where(e => e.Tag is null).ToList();
            if (untagged.Count != summary.Timeline.Count)
            {
                throw new UsageException($"'{directory}' is not a run directory: its {ReportWriter.IntervalLogFile} has {untagged.Count} intervals but its {ReportWriter.SummaryFile} timeline {summary.Timeline.Count}.");
            }

            intervals.AddRange(untagged.Zip(summary.Timeline, (entry, point) => (entry, point.Errors)));
        }

        return
        [
            .. intervals
                .GroupBy(i => (long)Math.Floor(i.Entry.StartUnixSeconds - startSeconds + 0.5))
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var histogram = Sum(g.Select(i => i.Entry));
                    var startMs = (long)((startSeconds + g.Key) * 1000);
                    var endMs = startMs + (long)(g.Max(i => i.Entry.LengthSeconds) * 1000);
                    histogram.StartTimeStamp = startMs;
                    histogram.EndTimeStamp = endMs;
                    return new IntervalSnapshot(
                        null,
                        startMs,
                        endMs,
                        histogram.TotalCount,
                        g.Sum(i => i.Errors),
                        Histograms.PercentileMs(histogram, 50),
                        Histograms.PercentileMs(histogram, 90),
                        Histograms.PercentileMs(histogram, 99),
                        Histograms.MaxMs(histogram),
                        HistogramCodec.Encode(histogram));
                }),
        ];
    }
}
