using Telemetry.Data.Schema;
using static Perf.Analysis.Capacity.ReportFormat;

namespace Perf.Analysis.Capacity;

/// <summary>Derives the report's recommendations from the analysis by fixed rules; no text about results is written by hand.</summary>
/// <remarks>A difference between variants is claimed only by <see cref="ClaimRule"/>: exact work, or timings both significant and meaningful.</remarks>
public static class RecommendationRules
{
    /// <summary>Applies every rule, in a fixed order.</summary>
    public static IReadOnlyList<Recommendation> Derive(CapacityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var data = analysis.Data;
        return
        [
            .. AaCheck(analysis.AaCheck, analysis.Thresholds),
            .. VariantPaysOff(analysis.Comparisons, SchemaVariant.Partitioned, SchemaVariant.Composite, "partitioning-pays-off", "Partitioning"),
            .. VariantPaysOff(analysis.Comparisons, SchemaVariant.Composite, SchemaVariant.Basic, "composite-indexes-pay-off", "Composite indexing"),
            .. UnusedIndexes(data),
            .. UsedIndexes(data),
            .. TargetMisses(data, analysis.TargetTests),
            .. Capacity(data),
            .. Storage(analysis.Storage),
            .. Headroom(analysis.Projections, analysis.Assumptions),
        ];
    }

    /// <summary>The A/A null check: a variant against its identical copy must yield no claim; any claim says the method is fooled here.</summary>
    internal static IEnumerable<Recommendation> AaCheck(IReadOnlyList<QueryComparison> comparisons, ClaimThresholds thresholds)
    {
        if (comparisons.Count == 0)
        {
            yield break;
        }

        var claims = comparisons.Where(c => c.Result.IsClaim).ToList();
        var untested = comparisons.Where(c => c.Result.Timing == TimingVerdict.CannotTell).ToList();
        var variant = comparisons[0].Candidate;
        var lowest = comparisons.Where(c => c.Result.PValue is not null).Select(c => c.Result.PValue!.Value).DefaultIfEmpty(1).Min();
        var scope = $"{variant} against its identical copy (same DDL, same rows), {comparisons.Count} comparisons ({comparisons.Select(c => c.Query).Distinct(StringComparer.Ordinal).Count()} queries × {comparisons.Select(c => c.TradeRows).Distinct().Count()} sizes), α {Number(thresholds.Alpha, 2)} over them";
        yield return (claims.Count, untested.Count) switch
        {
            (> 0, _) => new Recommendation("aa-check", $"A/A check FAILED: {scope}: {claims.Count} claims on identical databases ({string.Join("; ", claims.Select(c => $"`{c.Query}` at {Rows(c.TradeRows)}: {Evidence(c.Result, "copy", variant.ToString())}"))}). Treat this run's timing claims as suspect."),
            // No claim is guaranteed when no p-value can fall below α: that is not a pass.
            (_, > 0) => new Recommendation("aa-check", $"A/A check could not test the timings: {scope}: {untested.Count} of {comparisons.Count} comparisons had {RoundsText(untested[0].Result)}, so no timing difference could have been claimed; run more rounds."),
            _ => new Recommendation("aa-check", $"A/A check passed: {scope}: no difference claimed (lowest {PValue(lowest)})."),
        };
    }

    /// <summary>Why the timings of a <see cref="TimingVerdict.CannotTell"/> comparison cannot tell: too few rounds for any p-value below its α.</summary>
    internal static string RoundsText(VariantComparison result) =>
        $"{result.Rounds} rounds a side, too few for any p-value below α {Alpha(result.Alpha)} (needs ≥ {result.RoundsNeeded})";

    /// <summary>Per query: where <paramref name="candidate"/> does less (or more) work than <paramref name="reference"/> or is significantly and meaningfully faster (or slower); the rest in one line.</summary>
    /// <remarks>A claim says from which size it holds at every larger size measured (<see cref="Claim"/>); its evidence is the exact work and the medians' intervals with the rank test's p-value.</remarks>
    internal static IEnumerable<Recommendation> VariantPaysOff(IReadOnlyList<QueryComparison> comparisons, SchemaVariant candidate, SchemaVariant reference, string rule, string subject)
    {
        var samePlan = new List<string>();
        var noDifference = new List<string>();
        var cannotTell = new List<(string Query, VariantComparison Result)>();
        long largestRows = 0;
        foreach (var query in comparisons.Where(c => c.Candidate == candidate && c.Reference == reference).GroupBy(c => c.Query, StringComparer.Ordinal))
        {
            var bySize = query.OrderBy(c => c.TradeRows).ToList();
            var last = bySize[^1];
            largestRows = Math.Max(largestRows, last.TradeRows);
            if (last.Result.Kind == DifferenceKind.CannotTell)
            {
                cannotTell.Add(($"`{query.Key}`", last.Result));
                continue;
            }

            if (!last.Result.IsClaim)
            {
                (last.Result.Kind == DifferenceKind.SamePlanNoDifference ? samePlan : noDifference).Add($"`{query.Key}`");
                continue;
            }

            var better = last.Result.CandidateBetter;
            var from = bySize.Count;
            while (from > 0 && bySize[from - 1].Result.IsClaim && bySize[from - 1].Result.CandidateBetter == better)
            {
                from--;
            }

            var start = from == 0 && bySize.Count > 1 ? $"from ~{Rows(bySize[0].TradeRows)} trade rows (the smallest size measured)" : from == 0 ? $"at {Rows(last.TradeRows)} trade rows (the one size measured)" : $"from ~{Rows(bySize[from].TradeRows)} trade rows";
            yield return new Recommendation(rule, Claim(subject, query.Key, start, last.TradeRows, better, last.Result) + $" {Evidence(last.Result, candidate.ToString(), reference.ToString())}.");
        }

        if (samePlan.Count > 0)
        {
            yield return new Recommendation(rule, $"{subject}: same plan, no measurable difference for {string.Join(", ", samePlan)} up to {Rows(largestRows)} rows (same exact work; timings not significantly and meaningfully different).");
        }

        if (noDifference.Count > 0)
        {
            yield return new Recommendation(rule, $"{subject}: no measurable difference for {string.Join(", ", noDifference)} up to {Rows(largestRows)} rows (work within the thresholds; timings not significantly and meaningfully different).");
        }

        if (cannotTell.Count > 0)
        {
            yield return new Recommendation(rule, $"{subject}: cannot tell for {string.Join(", ", cannotTell.Select(c => c.Query))} at {Rows(largestRows)} rows: work within the thresholds, and {RoundsText(cannotTell[0].Result)}.");
        }
    }

    /// <summary>A claim's verdict up to its evidence: a work claim says, at the largest size, whether the time agrees, shows no difference or contradicts it.</summary>
    /// <remarks>
    /// Less work is not a pay-off on its own: a variant reading fewer pages can still be no faster, or slower, and one
    /// reading more rows can be faster. "Pays off" and "costs time" are said only when work and time agree.
    /// </remarks>
    private static string Claim(string subject, string query, string start, long largestRows, bool better, VariantComparison result)
    {
        var at = $"at {Rows(largestRows)} rows";
        if (result.Kind == DifferenceKind.TimingDiffers)
        {
            return $"{subject} {(better ? "pays off (same work, faster)" : "costs time (same work, slower)")} for `{query}` {start}: {at}";
        }

        var work = better ? "less work" : "more work";
        return result.Timing switch
        {
            TimingVerdict.Faster when better => $"{subject} pays off for `{query}` {start}: {work}, and faster {at}:",
            TimingVerdict.Slower when !better => $"{subject} costs time for `{query}` {start}: {work}, and slower {at}:",
            TimingVerdict.NoDifference => $"{subject} does {work} for `{query}` {start}, with no measurable time difference {at}:",
            TimingVerdict.CannotTell => $"{subject} does {work} for `{query}` {start}; the timings cannot tell {at} ({RoundsText(result)}):",
            _ => $"{subject} does {work} for `{query}` {start}, yet is {(result.Timing == TimingVerdict.Faster ? "faster" : "slower")} {at}:",
        };
    }

    /// <summary>A comparison's evidence: the exact work, then the medians with their intervals and the rank test.</summary>
    internal static string Evidence(VariantComparison result, string candidate, string reference)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.CandidateWork;
        var r = result.ReferenceWork;
        var pages = c.LogicalReads is { } cp && r.LogicalReads is { } rp ? $", {Number(cp, 0)} vs {Number(rp, 0)} pages" : string.Empty;
        var extras = string.Join(string.Empty, new[]
        {
            c.Filesort != r.Filesort ? $", filesort on {(c.Filesort ? candidate : reference)}" : null,
            c.TemporaryTable != r.TemporaryTable ? $", temporary table on {(c.TemporaryTable ? candidate : reference)}" : null,
        }.Where(x => x is not null));
        var work = $"{candidate} examines {Number(c.RowsExamined, 0)} rows vs {Number(r.RowsExamined, 0)} on {reference}{pages}{extras} (exact)";
        var timing = $"median {Estimate(result.CandidateMedian)} vs {Estimate(result.ReferenceMedian)}, {PValue(result.PValue)} (α {Alpha(result.Alpha)})";
        return result.Kind == DifferenceKind.WorkDiffers ? $"{work}; {timing}" : $"{timing}, {Ratio(result.Ratio >= 1 ? result.Ratio : 1 / result.Ratio)} {(result.Ratio >= 1 ? "slower" : "faster")}; {work}";
    }

    /// <summary>Indexes (other than the primary key) that no measured plan used, with what they cost.</summary>
    internal static IEnumerable<Recommendation> UnusedIndexes(CapacityData data)
    {
        foreach (var group in IndexesAtLargestSize(data).Where(i => !i.Used).GroupBy(i => (i.Size.Table, i.Size.Index)).OrderBy(g => g.Key.Index, StringComparer.Ordinal))
        {
            var costs = string.Join(", ", group.Select(i => $"{Bytes(i.Size.Bytes)} ({Number((double)i.Size.Bytes / i.Rows)} B per trade row) on {i.Variant} at {Rows(i.Rows)} rows"));
            yield return new Recommendation("unused-index", $"`{group.Key.Index}` on `{group.Key.Table}` costs {costs}, and no measured query used it: drop it unless a query outside this benchmark needs it.");
        }
    }

    /// <summary>Indexes that measured plans used, with the queries they served and their cost.</summary>
    internal static IEnumerable<Recommendation> UsedIndexes(CapacityData data)
    {
        foreach (var group in IndexesAtLargestSize(data).Where(i => i.Used).GroupBy(i => (i.Size.Table, i.Size.Index)).OrderBy(g => g.Key.Index, StringComparer.Ordinal))
        {
            var queries = data.Measurements
                .Where(m => group.Any(i => i.Variant == m.Variant))
                .SelectMany(m => m.Queries)
                .Where(q => q.IndexesUsed.Contains(group.Key.Index, StringComparer.OrdinalIgnoreCase))
                .Select(q => $"`{q.Query}`")
                .Distinct(StringComparer.Ordinal);
            var largest = group.MaxBy(i => i.Size.Bytes)!;
            yield return new Recommendation("index-earns-its-cost", $"`{group.Key.Index}` on `{group.Key.Table}` ({Bytes(largest.Size.Bytes)} on {largest.Variant} at {Rows(largest.Rows)} rows) serves {string.Join(", ", queries)}.");
        }
    }

    /// <summary>The smallest size at which each (variant, query)'s p95 or p99 is over its target (or may be), or one line saying every supported percentile is under it.</summary>
    /// <remarks>
    /// Only queries the API serves are held to the targets. A percentile is over its target when the report's family of
    /// target calls says so (<see cref="TargetTests"/>: its lower bound, corrected for the report's many calls), which needs
    /// far fewer samples than an interval: 8 executions of a 5 s query cannot bound its p95, but show it is not under 500 ms.
    /// An interval straddling the target, or a lower bound that reaches it only uncorrected, says it may be over.
    /// </remarks>
    internal static IEnumerable<Recommendation> TargetMisses(CapacityData data, TargetTests tests)
    {
        var targets = data.Targets;
        var any = false;
        foreach (var variant in data.Variants)
        {
            foreach (var query in data.QueryNames)
            {
                var sizes = data.For(variant)
                    .Select(m => (m.TradeRows, Query: m.Queries.FirstOrDefault(q => q.Query == query && q.ServedByApi)))
                    .Where(m => m.Query is not null)
                    .Select(m => (m.TradeRows, m.Query, P95: m.Query!.Estimate(95), P99: m.Query.Estimate(99)))
                    .ToList();
                var miss = sizes.FirstOrDefault(m => TargetTests.Percentiles.Any(p => tests.IsOver(m.Query!, p)));
                var maybe = sizes.FirstOrDefault(m => TargetTests.Percentiles.Any(p => MayBeOver(m.Query!, p, tests)));
                var text = (miss.P95, maybe.P95) switch
                {
                    (not null, var may) when may is null || miss.TradeRows <= maybe.TradeRows => $"is over the target from {Rows(miss.TradeRows)} rows: p95 {Estimate(miss.P95, targets.P95Ms)}, p99 {Estimate(miss.P99, targets.P99Ms)} (targets {Ms(targets.P95Ms)} / {Ms(targets.P99Ms)}; {tests.Evidence(miss.Query!, TargetTests.Percentiles.First(p => tests.IsOver(miss.Query!, p)))})",
                    (_, not null) => $"may be over the target from {Rows(maybe.TradeRows)} rows ({WhyMaybe(maybe.Query!, tests)}): p95 {Estimate(maybe.P95, targets.P95Ms)}, p99 {Estimate(maybe.P99, targets.P99Ms)}{(miss.P95 is null ? string.Empty : $"; over it from {Rows(miss.TradeRows)} rows")} (targets {Ms(targets.P95Ms)} / {Ms(targets.P99Ms)})",
                    _ => null,
                };
                if (text is not null)
                {
                    any = true;
                    yield return new Recommendation("target-missed", $"`{query}` on {variant} {text}.");
                }
            }
        }

        if (!any && data.Measurements.Count > 0)
        {
            var estimates = data.Measurements.SelectMany(m => m.Queries).Where(q => q.ServedByApi).Select(q => (P95: q.Estimate(95), P99: q.Estimate(99))).ToList();
            var p95Upper = estimates.Where(e => e.P95.IsBounded).Select(e => e.P95.Upper!.Value).DefaultIfEmpty(double.NaN).Max();
            var p95Missing = estimates.Count(e => !e.P95.IsBounded);
            var p99Missing = estimates.Count(e => !e.P99.IsBounded);
            var lowerBounds = estimates.Where(e => !e.P95.IsBounded && e.P95.AtLeast is not null).Select(e => e.P95.AtLeast!.Value).ToList();
            var missingText = p95Missing == 0 ? string.Empty
                : $"; {p95Missing} had too few samples for an interval{(lowerBounds.Count > 0 ? $" (the highest of their lower bounds: {Ms(lowerBounds.Max(), targets.P95Ms)})" : string.Empty)}";
            var p95Text = p95Missing == estimates.Count
                ? $"no p95 could be bounded (needs ≥ {OrderStatistics.SamplesNeeded(95)} samples){(lowerBounds.Count > 0 ? $"; the highest lower bound is {Ms(lowerBounds.Max(), targets.P95Ms)}" : string.Empty)}"
                : $"every bounded p95 is under {Ms(targets.P95Ms)} (highest upper 95 % bound {Ms(p95Upper, targets.P95Ms)}){missingText}";
            var p99Text = p99Missing == 0
                ? $"every p99 is under {Ms(targets.P99Ms)}"
                : $"{p99Missing} of {estimates.Count} p99s need ≥ {OrderStatistics.SamplesNeeded(99)} samples and are not claimed";
            yield return new Recommendation("target-met", $"Up to {Rows(data.Measurements.Max(m => m.TradeRows))} rows on every variant: {p95Text}; {p99Text}.");
        }
    }

    /// <summary>Whether a percentile may be over its target: not called over, yet its interval straddles the target or its lower bound alone reaches it.</summary>
    private static bool MayBeOver(QueryMeasurement query, double percentile, TargetTests tests)
    {
        var estimate = query.Estimate(percentile);
        var target = tests.TargetMs(percentile);
        return !tests.IsOver(query, percentile) && (tests.IsOverAlone(query, percentile) || (estimate.IsBounded && !estimate.IsUnder(target)));
    }

    /// <summary>Why a percentile <see cref="MayBeOver"/>: its lower bound reaches the target only uncorrected, or an interval straddles it.</summary>
    private static string WhyMaybe(QueryMeasurement query, TargetTests tests) =>
        TargetTests.Percentiles.FirstOrDefault(p => tests.IsOverAlone(query, p)) is var alone and > 0
            ? $"its p{Number(alone, 0)}'s lower bound reaches the target alone; {tests.Evidence(query, alone)}"
            : "an interval straddles it";

    /// <summary>
    /// How far apart capacity searches of one system have read on this machine: Composite at 10M read 400, ≥ 600 and
    /// 440 req/s in three searches minutes apart (results/2026-12-05-capacity-repeat). A report measures one search per
    /// variant and size, so two capacities closer than this do not rank the variants.
    /// </summary>
    internal const double SingleSearchSpread = 1.5;

    /// <summary>Which variant sustains the highest rate within the targets at the largest size where capacity was searched, ranked only beyond <see cref="SingleSearchSpread"/>, and which met them at no rate there.</summary>
    /// <remarks>A search whose lowest rate failed (capacity 0) still decides the largest size: the rule never falls back to a smaller size where some variant passed.</remarks>
    internal static IEnumerable<Recommendation> Capacity(CapacityData data)
    {
        var searched = data.Measurements.Where(m => m.CapacityRps is not null).ToList();
        if (searched.Count == 0)
        {
            yield break;
        }

        var rows = searched.Max(m => m.TradeRows);
        var failed = searched.Where(m => m.TradeRows == rows && m.CapacityRps <= 0).Select(m => m.Variant.ToString()).ToList();
        const string noRate = "met the p95/p99 targets at no rate (the search's lowest rate failed)";
        var atSize = searched.Where(m => m.TradeRows == rows && m.CapacityRps > 0).OrderByDescending(m => m.CapacityRps).ToList();
        // A variant measured at this size whose search gave no capacity (INVALID or not settled at its lowest rate, or none
        // run) is compared with nothing, and named as such: "the most" needs another variant's capacity.
        var unmeasured = data.Measurements.Where(m => m.TradeRows == rows && m.CapacityRps is null).Select(m => m.Variant.ToString()).Distinct().ToList();
        var unknown = unmeasured.Count > 0 ? $"; {string.Join(", ", unmeasured)}: no capacity measured at that size" : string.Empty;
        if (atSize.Count == 0)
        {
            yield return new Recommendation("capacity", $"At {Rows(rows)} rows no variant met the targets: {string.Join(", ", failed)} {noRate}{unknown}.");
            yield break;
        }

        var best = atSize[0];

        // A capacity at the search's ceiling is a lower bound: its ratio to another is one too, and two of them do not compare.
        // Below SingleSearchSpread, one search each does not rank two variants.
        var others = atSize.Skip(1).Select(m => (Measurement: m, Ratio: best.CapacityRps!.Value / m.CapacityRps!.Value)).ToList();
        var texts = others.Select(o => o.Measurement.CapacityIsLowerBound
            ? $"{o.Measurement.Variant}'s search also missed no step (≥ {Number(o.Measurement.CapacityRps!.Value, 0)})"
            : o.Ratio >= SingleSearchSpread
                ? $"{(best.CapacityIsLowerBound ? "≥ " : string.Empty)}{Ratio(o.Ratio, SingleSearchSpread)} {o.Measurement.Variant}'s {Number(o.Measurement.CapacityRps!.Value, 0)}"
                : $"{o.Measurement.Variant} {Number(o.Measurement.CapacityRps!.Value, 0)} ({(best.CapacityIsLowerBound ? "≥ " : string.Empty)}{Ratio(o.Ratio, SingleSearchSpread)} apart: one search each, and repeated searches of one system have read {Ratio(SingleSearchSpread)} or more apart here, so not ranked)");
        var comparison = atSize.Count > 1 ? $", {string.Join(" and ", texts)}" : string.Empty;
        var amount = best.CapacityIsLowerBound ? $"at least {Number(best.CapacityRps!.Value, 0)} req/s (no step of the search missed the targets: it reached its maximum rate, or a rate its load generator could not keep)" : $"{Number(best.CapacityRps!.Value, 0)} req/s";
        var claim = others.Any(o => o.Measurement.CapacityIsLowerBound) ? "sustains within p95/p99 targets:"
            : others.Count + failed.Count > 0 && others.All(o => o.Ratio >= SingleSearchSpread) ? "sustains the most load within p95/p99 targets:"
            : "met the p95/p99 targets up to";
        var none = failed.Count > 0 ? $"; {string.Join(", ", failed)} {noRate}" : string.Empty;
        yield return new Recommendation("capacity", $"At {Rows(rows)} rows {best.Variant} {claim} {amount}{comparison}{none}{unknown}.");
    }

    /// <summary>Bytes per trade row per variant and what the extra indexes cost.</summary>
    internal static IEnumerable<Recommendation> Storage(IReadOnlyList<StorageFit> storage)
    {
        if (storage.Count == 0)
        {
            yield break;
        }

        var least = storage.MinBy(s => s.BytesPerRow)!;
        foreach (var fit in storage.Where(s => s != least).OrderBy(s => s.Variant))
        {
            var extra = least.BytesPerRow > 0 ? (fit.BytesPerRow / least.BytesPerRow - 1) * 100 : 0;
            yield return new Recommendation("storage", $"{fit.Variant} stores {Number(fit.BytesPerRow, 0)} B per trade row ({Number(fit.DataBytesPerRow, 0)} data + {Number(fit.IndexBytesPerRow, 0)} index), {Number(extra, 0)} % more than {least.Variant}'s {Number(least.BytesPerRow, 0)} B.");
        }
    }

    /// <summary>When a query measured over (or straddling) its target is so: "already" only when the reader stores the size measured today; otherwise "at the size measured".</summary>
    internal static string OverWhen(LatencyProjection projection, GrowthAssumptions assumptions) =>
        assumptions.HoldsToday(projection.MeasuredRows) ? "already" : "at the size measured";

    /// <summary>Per query and variant whose work grows (or that is over its target already): when its projected latency reaches the target, or that it stays under it through the reader's horizon, from work growth × time per row.</summary>
    /// <remarks>
    /// Which pairs get a line rests on their exact work alone, so two runs over the same data list the same pairs; what
    /// each line says (a date, or "stays under") rests on timings, which move with the machine's speed. Only queries whose
    /// work grows (slope interval above zero) get a line with a date; a query of constant work whose band only the model
    /// error carries to its target is named in the closing line beside the others of constant work, so the timings do not
    /// decide whether it gets a line. A crossing, or a horizon, beyond
    /// <see cref="CapacityProjector.ExtrapolationFactor"/>× the largest measured size says it is an extrapolation.
    /// </remarks>
    internal static IEnumerable<Recommendation> Headroom(IReadOnlyList<LatencyProjection> projections, GrowthAssumptions? assumptions)
    {
        // Only what the API serves is held to the targets: the full scan is contrast, in the projection table but given no line.
        var served = projections.Where(p => p.ServedByApi).ToList();
        if (assumptions is null || served.Count == 0)
        {
            yield break;
        }

        var who = $"With {assumptions.Profiles} profiles × {Number(assumptions.TradesPerDayPerProfile)} trades/day";
        var horizonRows = assumptions.RowsOn(assumptions.EndDate);
        var horizon = $"{Date(assumptions.EndDate)} ({Rows(horizonRows)} rows)";
        var listed = served
            .Where(p => p.Status is HeadroomStatus.AlreadyOver or HeadroomStatus.MayBeOver or HeadroomStatus.ReachedWithinHorizon or HeadroomStatus.BeyondHorizon)
            .OrderBy(p => p.Query, StringComparer.Ordinal).ThenBy(p => p.Variant).ToList();
        foreach (var p in listed)
        {
            var target = $"p{Number(p.Percentile, 0)} {Ms(p.TargetMs)}";
            // What is said of the horizon is as much an extrapolation as a crossing there would be.
            var beyond = CapacityProjector.IsExtrapolation(horizonRows, p.MeasuredRows) ? $"; an extrapolation to {Ratio(horizonRows / p.MeasuredRows)} the largest size measured" : string.Empty;
            var text = p.Status switch
            {
                HeadroomStatus.AlreadyOver => $"is over {target} {OverWhen(p, assumptions)}: {Estimate(p.Measured, p.TargetMs)} at {Rows(p.MeasuredRows)} rows",
                HeadroomStatus.MayBeOver => $"may be over {target} {OverWhen(p, assumptions)}: {Estimate(p.Measured, p.TargetMs)} at {Rows(p.MeasuredRows)} rows straddles it, projected {Band(p.AtHorizonMs, p.AtHorizonLowerMs, p.AtHorizonUpperMs, p.TargetMs)} at {horizon}{beyond}",
                HeadroomStatus.ReachedWithinHorizon => $"may reach {target} from ~{Rows(p.RowsAtTarget!.Value)} rows, around {Date(p.DateAtTarget!.Value)} (earliest, by the band's upper end): its rows examined grow {p.Work.Verdict} ({p.Work.Rows.Best.Formula}) and it measured {Estimate(p.Measured, p.TargetMs)} at {Rows(p.MeasuredRows)} rows{(p.IsExtrapolation ? $"; an extrapolation to {Ratio(p.RowsAtTarget.Value / p.MeasuredRows)} the largest size measured" : string.Empty)}",
                _ => $"stays under {target} through {horizon} by the band's upper end: its rows examined grow {p.Work.Verdict} ({p.Work.Rows.Best.Formula}) and it measured {Estimate(p.Measured, p.TargetMs)} at {Rows(p.MeasuredRows)} rows, projected {Band(p.AtHorizonMs, p.AtHorizonLowerMs, p.AtHorizonUpperMs, p.TargetMs)} at the horizon{beyond}",
            };
            yield return new Recommendation("headroom", $"{who}, `{p.Query}` on {p.Variant}: {text}.");
        }

        var late = listed.Where(p => p.Status is HeadroomStatus.AlreadyOver or HeadroomStatus.MayBeOver or HeadroomStatus.ReachedWithinHorizon).ToList();
        var modelErrorReaches = served.Where(p => p.Status == HeadroomStatus.ModelErrorReaches).OrderBy(p => p.Query, StringComparer.Ordinal).ThenBy(p => p.Variant).ToList();
        var noGrowth = served.Count(p => p.Status == HeadroomStatus.NoGrowth) + modelErrorReaches.Count;
        var unbounded = served.Where(p => p.Status == HeadroomStatus.GrowthNotBounded).Select(p => $"`{p.Query}` on {p.Variant}").ToList();
        var unsupported = served.Count(p => p.Status == HeadroomStatus.NotSupported);
        var rest = new List<string>();
        if (noGrowth > 0)
        {
            rest.Add(modelErrorReaches.Count == 0
                ? $"{noGrowth} (variant, query) pairs do the same work at every size and are never projected to cross"
                : $"{noGrowth} (variant, query) pairs do the same work at every size and their work is never projected to cross; of them {string.Join(", ", modelErrorReaches.Select(ModelErrorReachesText))} measured under the target, and only the model error's band reaches it");
        }

        if (unbounded.Count > 0)
        {
            rest.Add($"the work of {string.Join(", ", unbounded.Take(5))}{(unbounded.Count > 5 ? $" and {unbounded.Count - 5} more" : string.Empty)} may grow, but its fit's interval includes no growth (or fewer than 3 sizes): no date");
        }

        if (unsupported > 0)
        {
            rest.Add($"{unsupported} pairs had too few samples for a p95 (≥ {OrderStatistics.SamplesNeeded(95)}): not projected");
        }

        if (late.Count == 0)
        {
            var butModelError = modelErrorReaches.Count > 0 ? " but by the model error alone" : string.Empty;
            rest.Insert(0, unbounded.Count > 0
                ? $"no bounded projection reaches its target through {horizon}{butModelError}"
                : $"no query is projected to reach its target through {horizon}{butModelError}");
        }

        if (rest.Count > 0)
        {
            yield return new Recommendation("headroom", $"{who}: {string.Join("; ", rest)}.");
        }
    }

    /// <summary>A <see cref="HeadroomStatus.ModelErrorReaches"/> pair: its measured percentile, and beyond how many rows the widened band reaches the target.</summary>
    internal static string ModelErrorReachesText(LatencyProjection p) =>
        $"`{p.Query}` on {p.Variant} (p{Number(p.Percentile, 0)} {Estimate(p.Measured, p.TargetMs)} at {Rows(p.MeasuredRows)} rows, under {Ms(p.TargetMs)}; the band reaches it beyond ~{Rows(p.RowsAtTarget!.Value)} rows: {(p.IsExtrapolation ? $"an extrapolation to {Ratio(p.RowsAtTarget.Value / p.MeasuredRows)} the largest size measured" : "beyond the largest size measured")})";

    private static IEnumerable<(SchemaVariant Variant, long Rows, IndexSize Size, bool Used)> IndexesAtLargestSize(CapacityData data)
    {
        foreach (var variant in data.Variants)
        {
            var measurements = data.For(variant);
            var largest = measurements[^1];
            var used = measurements.SelectMany(m => m.Queries).SelectMany(q => q.IndexesUsed).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var index in largest.Indexes.Where(i => !i.Index.Equals("PRIMARY", StringComparison.OrdinalIgnoreCase)))
            {
                yield return (variant, largest.TradeRows, index, used.Contains(index.Index));
            }
        }
    }
}
