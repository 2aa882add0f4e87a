using System.Globalization;
using System.Text.Json;
using Perf.Analysis.Gates;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary>The gate's timing suite: the base revision and the head measured on one server and one dataset in interleaved rounds (or the head against a stored baseline).</summary>
/// <remarks>
/// Each round starts a fresh serving probe per side (its own JIT, pool and GC, so rounds are independent replicates); the
/// two take turns execution by execution, milliseconds apart, who goes first alternating, and the comparison pairs the
/// sides round by round (<see cref="TimingDesign.Paired"/>). On a shared machine the speed of a query drifts by 3× within
/// seconds; a probe per side back to back left that drift between the two halves of a round, and a 2× slower query
/// read as faster in one round of eight (2026-12-03 error-rate runs); interleaved executions see the same machine.
/// When both sides seed the same data and schema they measure the same database, so no difference between two physical
/// copies can pose as a regression.
/// </remarks>
internal sealed class TimingStep(ProvisionedServer server, CiOptions options, GateFault fault, ResultWriter writer, string root)
{
    private const string BasePrefix = "gate_base";
    private const string HeadPrefix = "gate_head";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(10);

    private string Variant => options.Variant.ToString().ToLowerInvariant();

    public async Task<(IReadOnlyList<GateCheck> Checks, IReadOnlyList<TimingComparison> Comparisons)> RunAsync(CancellationToken cancellationToken)
    {
        var head = await RevisionBuilder.BuildHeadAsync(root, cancellationToken).ConfigureAwait(false);
        writer.Manifest.Parameters["timings.head"] = head.Revision;
        writer.Manifest.Parameters["timings.rounds"] = options.Rounds.ToString(CultureInfo.InvariantCulture);
        writer.Manifest.Parameters["timings.variant"] = Variant;
        TimingBaseline.RecordMeasurement(writer.Manifest, options.Cases, options.Executions, options.Warmup);
        return options.BaselineDirectory is not null
            ? await AgainstStoredAsync(head, options.BaselineDirectory, cancellationToken).ConfigureAwait(false)
            : await AgainstBaseAsync(head, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(IReadOnlyList<GateCheck>, IReadOnlyList<TimingComparison>)> AgainstBaseAsync(RevisionBuild head, CancellationToken cancellationToken)
    {
        var chosen = await RevisionBuilder.ResolveBaseAsync(root, options.BaseRevision, cancellationToken).ConfigureAwait(false);
        var @base = await RevisionBuilder.BuildBaseAsync(root, chosen.Commit, cancellationToken).ConfigureAwait(false);
        writer.Manifest.Parameters["timings.base"] = @base.Revision;
        writer.Manifest.Parameters["timings.base.chosen"] = chosen.How;
        await RequireProbeAsync(@base, cancellationToken).ConfigureAwait(false);

        var basePrepared = await ProbeAsync(@base, BasePrefix, seed: true, "prepare", 0, ["--prepare-only"], cancellationToken).ConfigureAwait(false);
        var headPrepared = await ProbeAsync(head, HeadPrefix, seed: true, "prepare", 0, ["--prepare-only"], cancellationToken).ConfigureAwait(false);
        var environment = new List<GateCheck>
        {
            new(GateReport.EnvironmentSuite, "timings: base revision", GateOutcome.Passed, $"base {@base.ShortRevision} ({chosen.How}) against head {head.ShortRevision}"),
        };
        var (baseData, headData) = (Label(basePrepared.Dataset), Label(headPrepared.Dataset));
        writer.Manifest.Parameters["timings.base.dataset"] = baseData;
        writer.Manifest.Parameters["timings.head.dataset"] = headData;
        var sameData = string.Equals(baseData, headData, StringComparison.Ordinal);
        var sameSchema = string.Equals(basePrepared.DdlHash, headPrepared.DdlHash, StringComparison.Ordinal);
        environment.Add(new GateCheck(
            GateReport.EnvironmentSuite,
            "base and head timed on the same data",
            sameData || options.AllowDifferentEnvironment ? GateOutcome.Passed : GateOutcome.Failed,
            sameData ? $"both seeded {headData}{(sameSchema ? "; same schema, so both measure one database" : $"; schemas differ (DDL {basePrepared.DdlHash} vs {headPrepared.DdlHash}), so each measures its own copy")}"
                : $"{(options.AllowDifferentEnvironment ? "compared anyway (--allow-different-environment): " : "refusing to compare timings on different data (pass --allow-different-environment to override): ")}base {baseData}, head {headData}"));
        if (!sameData && !options.AllowDifferentEnvironment)
        {
            return (environment, []);
        }

        // One database for both when data and schema match; the head then reads what the base seeded.
        var headPrefix = sameData && sameSchema ? BasePrefix : HeadPrefix;
        var sides = new[] { new Side(@base, BasePrefix), new Side(head, headPrefix) };
        var (baseSeries, headSeries) = await RoundsAsync(sides, options.Cases, "rounds", crashHead: false, cancellationToken).ConfigureAwait(false);
        var comparisons = TimingComparer.CompareAll(baseSeries, headSeries, options.Timing, TimingDesign.Paired);
        var confirmed = await ConfirmAsync(comparisons, TimingDesign.Paired, (cases, c) => RoundsAsync(sides, cases, "confirm", fault.CrashConfirmation, c), cancellationToken).ConfigureAwait(false);
        return ([.. environment, .. confirmed.Checks], confirmed.Comparisons);
    }

    private async Task<(IReadOnlyList<GateCheck>, IReadOnlyList<TimingComparison>)> AgainstStoredAsync(RevisionBuild head, string directory, CancellationToken cancellationToken)
    {
        var prepared = await ProbeAsync(head, HeadPrefix, seed: true, "prepare", 0, ["--prepare-only"], cancellationToken).ConfigureAwait(false);
        writer.Manifest.Parameters["timings.head.dataset"] = Label(prepared.Dataset);
        var current = writer.Manifest with
        {
            Dataset = prepared.Dataset,
            DdlHashes = new SortedDictionary<string, string>(StringComparer.Ordinal) { [options.Variant.ToString()] = prepared.DdlHash },
        };
        var sides = new[] { new Side(head, HeadPrefix) };
        if (options.UpdateBaseline)
        {
            var (series, _) = await RoundsAsync(sides, options.Cases, "rounds", crashHead: false, cancellationToken).ConfigureAwait(false);
            if (series.Count == 0)
            {
                throw new GateStepException("no query was timed (a --cases filter that names no query?): a baseline without timings would judge nothing; none was written");
            }

            await TimingBaseline.SaveAsync(directory, current with { EndedUtc = DateTime.UtcNow }, series, cancellationToken).ConfigureAwait(false);
            return ([new GateCheck(TimingGate.Suite, "baseline updated", GateOutcome.Passed, string.Create(CultureInfo.InvariantCulture, $"{series.Count} queries × {options.Rounds} rounds written to {directory}"))], []);
        }

        var baseline = await LoadBaselineAsync(directory, cancellationToken).ConfigureAwait(false);
        var differences = EnvironmentComparer.Differences(baseline.Manifest, current);
        var comparable = differences.Count == 0 || options.AllowDifferentEnvironment;
        var environment = new GateCheck(
            GateReport.EnvironmentSuite,
            "same machine boot, server, data and schema as the stored baseline",
            comparable ? GateOutcome.Passed : GateOutcome.Failed,
            differences.Count == 0 ? "identical"
                : (options.AllowDifferentEnvironment ? "compared anyway (--allow-different-environment): " : "refusing to compare timings from another environment (pass --allow-different-environment to override, or measure against the base revision without --baseline): ")
                    + string.Join("; ", differences));
        var measuredAlike = TimingBaseline.MeasuredAlike(baseline.Manifest, current);
        if (!comparable || measuredAlike.Outcome != GateOutcome.Passed)
        {
            return ([environment, measuredAlike], []);
        }

        var (headSeries, _) = await RoundsAsync(sides, options.Cases, "rounds", crashHead: false, cancellationToken).ConfigureAwait(false);
        var comparisons = TimingComparer.CompareAll(Filter(baseline.Timings), headSeries, options.Timing, TimingDesign.Independent);
        var confirmed = await ConfirmAsync(
            comparisons,
            TimingDesign.Independent,
            async (cases, c) => (Filter(baseline.Timings), (await RoundsAsync(sides, cases, "confirm", fault.CrashConfirmation, c).ConfigureAwait(false)).First),
            cancellationToken).ConfigureAwait(false);
        return ([environment, measuredAlike, .. confirmed.Checks], confirmed.Comparisons);
    }

    /// <summary>Re-measures the suspects; a confirmation that fails leaves them unjudged (an error), never passed.</summary>
    private async Task<(IReadOnlyList<GateCheck> Checks, IReadOnlyList<TimingComparison> Comparisons)> ConfirmAsync(
        IReadOnlyList<TimingComparison> comparisons,
        TimingDesign design,
        Func<IReadOnlyList<string>, CancellationToken, Task<(IReadOnlyList<TimingSeries> Base, IReadOnlyList<TimingSeries> Head)>> measure,
        CancellationToken cancellationToken)
    {
        var suspects = comparisons.Where(t => t.Verdict == TimingVerdict.Slower).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (suspects.Count == 0)
        {
            return ([.. TimingGate.ToChecks(comparisons)], comparisons);
        }

        Console.Error.WriteLine($"ci: {suspects.Count} query(ies) look slower ({string.Join(", ", suspects.Order(StringComparer.Ordinal))}); re-measuring them to confirm");
        var failure = new List<GateCheck>();
        IReadOnlyList<TimingComparison> second = [];
        try
        {
            var (b, h) = await measure([.. suspects], cancellationToken).ConfigureAwait(false);
            second = TimingComparer.CompareAll([.. b.Where(s => suspects.Contains(s.Name))], [.. h.Where(s => suspects.Contains(s.Name))], options.Timing, design);
        }
        catch (GateStepException ex)
        {
            failure.Add(new GateCheck(TimingGate.Suite, "confirmation rounds", GateOutcome.Error, ex.Message));
        }

        var confirmed = TimingGate.Confirm(comparisons, second);
        return ([.. failure, .. TimingGate.ToChecks(confirmed)], confirmed);
    }

    private IReadOnlyList<TimingSeries> Filter(IReadOnlyList<TimingSeries> series) =>
        options.Cases.Count == 0 ? series : [.. series.Where(s => options.Cases.Any(f => s.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))];

    private static async Task<TimingBaseline> LoadBaselineAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            return await TimingBaseline.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException)
        {
            throw new GateStepException($"the stored baseline at {directory} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs <see cref="CiOptions.Rounds"/> rounds; returns each side's round medians per query (the head's alone when one side).
    /// Each round starts one serving probe per side and walks the queries (the starting query rotating by round); for each
    /// query both sides warm up, then take turns execution by execution, who goes first alternating, so the two halves of
    /// every pair run milliseconds apart.
    /// </summary>
    private async Task<(IReadOnlyList<TimingSeries> First, IReadOnlyList<TimingSeries> Second)> RoundsAsync(
        IReadOnlyList<Side> sides, IReadOnlyList<string> cases, string phase, bool crashHead, CancellationToken cancellationToken)
    {
        var results = sides.Select(_ => new List<ProbeResult>()).ToArray();
        for (var round = 0; round < options.Rounds; round++)
        {
            var sessions = new List<(ProbeSession Session, string Output)>();
            try
            {
                foreach (var side in sides)
                {
                    sessions.Add(await StartProbeAsync(side, cases, phase, round, crashHead, cancellationToken).ConfigureAwait(false));
                }

                var names = sessions.SelectMany(s => s.Session.Cases).Distinct(StringComparer.Ordinal).ToList();
                for (var i = 0; i < names.Count; i++)
                {
                    var name = names[(i + round) % names.Count];
                    var takers = sessions.Select(s => s.Session).Where(s => s.Cases.Contains(name, StringComparer.Ordinal)).ToList();
                    foreach (var taker in takers)
                    {
                        await taker.WarmAsync(name, cancellationToken).ConfigureAwait(false);
                    }

                    for (var execution = 0; execution < options.Executions; execution++)
                    {
                        foreach (var taker in (execution + round) % 2 == 0 ? takers : Enumerable.Reverse(takers))
                        {
                            await taker.TimeAsync(name, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                for (var index = 0; index < sessions.Count; index++)
                {
                    await sessions[index].Session.EndAsync(cancellationToken).ConfigureAwait(false);
                    results[index].Add(await ReadResultAsync(sessions[index].Output, Describe(sides[index].Build, phase, round), cancellationToken).ConfigureAwait(false));
                }
            }
            finally
            {
                foreach (var (session, _) in sessions)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        var series = results.Select(Series).ToArray();
        return series.Length == 1 ? (series[0], []) : (series[0], series[1]);
    }

    private async Task<(ProbeSession Session, string Output)> StartProbeAsync(Side side, IReadOnlyList<string> cases, string phase, int round, bool crashHead, CancellationToken cancellationToken)
    {
        var build = side.Build;
        var isHead = build.Label == "head";
        var output = OutputPath(build, phase, round);
        List<string> arguments =
        [
            build.AssemblyPath, "probe", "--serve", "--no-seed", "--prefix", side.Prefix, "--variant", Variant, "--out", output, "--mysql", server.AdminConnectionString,
            "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
        ];
        if (cases.Count > 0)
        {
            arguments.AddRange(["--cases", string.Join(',', cases)]);
        }

        if (isHead && fault.SlowCase is { } slow)
        {
            arguments.AddRange(["--slowdown", slow]);
        }

        if (isHead && crashHead)
        {
            arguments.Add("--crash");
        }

        return (await ProbeSession.StartAsync(build.SourceDirectory, arguments, Describe(build, phase, round), cancellationToken).ConfigureAwait(false), output);
    }

    private static IReadOnlyList<TimingSeries> Series(IReadOnlyList<ProbeResult> rounds) =>
        [.. rounds.SelectMany(r => r.Cases)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .Select(g => new TimingSeries(g.Key, [.. g.Select(c => TimingComparer.Median(c.SamplesNs))], g.Last().Rows))];

    private async Task<ProbeResult> ProbeAsync(RevisionBuild build, string prefix, bool seed, string phase, int round, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        var output = OutputPath(build, phase, round);
        List<string> arguments = [build.AssemblyPath, "probe", "--prefix", prefix, "--variant", Variant, "--out", output, "--mysql", server.AdminConnectionString, .. extra];
        if (!seed)
        {
            arguments.Add("--no-seed");
        }

        var what = Describe(build, phase, round);
        var (exitCode, log) = await ChildProcess.RunAsync("dotnet", arguments, ProbeTimeout, cancellationToken, build.SourceDirectory).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new GateStepException($"{what} exited {exitCode}: {RevisionBuilder.LastLines(log, 4)}");
        }

        return await ReadResultAsync(output, what, cancellationToken).ConfigureAwait(false);
    }

    private string OutputPath(RevisionBuild build, string phase, int round) =>
        Path.Combine(writer.Directory, "timings", phase, string.Create(CultureInfo.InvariantCulture, $"{build.Label}-{round:00}.json"));

    private static string Describe(RevisionBuild build, string phase, int round) =>
        $"the {build.Label} probe ({phase}{(phase == "prepare" ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" round {round + 1}"))}, {build.ShortRevision})";

    private static async Task<ProbeResult> ReadResultAsync(string output, string what, CancellationToken cancellationToken)
    {
        if (!File.Exists(output))
        {
            throw new GateStepException($"{what} exited 0 but wrote no result");
        }

        ProbeResult? result;
        try
        {
            result = JsonSerializer.Deserialize<ProbeResult>(await File.ReadAllTextAsync(output, cancellationToken).ConfigureAwait(false), ResultWriter.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new GateStepException($"{what} wrote an unreadable result: {ex.Message}", ex);
        }

        return result is { Format: ProbeResult.CurrentFormat }
            ? result
            : throw new GateStepException($"{what} wrote format {result?.Format.ToString(CultureInfo.InvariantCulture) ?? "none"}, this gate reads {ProbeResult.CurrentFormat}: the base revision predates this gate's probe; compare with a newer --base or a stored --baseline");
    }

    /// <summary>Fails fast when the base revision predates <c>bench probe</c> (its bench would take the word for a benchmark filter and run the whole suite).</summary>
    private static async Task RequireProbeAsync(RevisionBuild build, CancellationToken cancellationToken)
    {
        var (exitCode, log) = await ChildProcess.RunAsync("dotnet", [build.AssemblyPath, "probe", "--help"], TimeSpan.FromMinutes(1), cancellationToken, build.SourceDirectory).ConfigureAwait(false);
        if (exitCode != 0 || !log.Contains("--out", StringComparison.Ordinal) || !log.Contains("--serve", StringComparison.Ordinal))
        {
            throw new GateStepException($"the base revision {build.ShortRevision} has no `bench probe --serve` (it predates the interleaved timing gate): compare with a newer --base, or with a stored --baseline");
        }
    }

    private static string Label(DatasetInfo? dataset) => dataset?.Describe() ?? "unknown";

    private sealed record Side(RevisionBuild Build, string Prefix);
}
