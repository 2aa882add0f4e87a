using static Perf.Analysis.Capacity.ReportFormat;
using Perf.Harness.Reports;

namespace Perf.Analysis.Capacity;

/// <summary>Lays out a <see cref="CapacityAnalysis"/> as a <see cref="ReportDocument"/> with its charts.</summary>
public static class CapacityReportBuilder
{
    /// <summary>What the measured bytes are, and what a live system's tables take beside them.</summary>
    private const string GrownBytes = "These are the bytes (`information_schema`'s data and index length, after `ANALYZE TABLE`) of tables built as every sweep builds them: rows loaded in bulk, then each secondary index sorted, so their index pages are full. A live system inserts rows in time order into indexes led by the profile, the symbol or a type, and splits pages as it goes: on MariaDB 10.11, one year of 1M trades inserted that way took 1.11–1.14× the bytes counted here, and 1.13–1.25× the file space (`results/2026-12-07-disk-growth/` in the harness's repository). Plan disk with that margin; every projection of disk in this report is of tables built in bulk.";

    /// <summary>The report's title.</summary>
    public const string Title = "Capacity planning report";

    /// <summary>Builds the document; charts are drawn here.</summary>
    public static ReportDocument Build(CapacityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var data = analysis.Data;
        var sizes = data.Measurements.Select(m => m.TradeRows).Distinct().Order().Select(r => Rows(r));
        var t = analysis.Thresholds;
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"Variants {string.Join(", ", data.Variants)} over identical data at {string.Join(", ", sizes)} trade rows; {data.QueryNames.Count} queries; targets p95 < {Ms(data.Targets.P95Ms)}, p99 < {Ms(data.Targets.P99Ms)}. Every statement below is computed from these measurements."),
            new ReportParagraph($"Method: exact work first (rows examined from `Handler_read_*`, InnoDB page reads, partitions, filesort/temporary table: deterministic for a plan and data). Timings come from a warm-up and interleaved rounds in which the variants take turns in a rotating order; each percentile carries a 95 % order-statistic interval, or says how many samples it needs. A p95 or p99 is called over its target when its one-sided lower bound reaches it with Holm's correction over every such call in the report ({TargetCalls(analysis.TargetTests)}), so a false \"over\" anywhere in it stays that unlikely; one whose lower bound reaches the target only uncorrected, or whose interval straddles it, may be over. A difference is claimed only when the work differs by ≥ {Number(t.MinRatio, 2)}× and ≥ {t.MinAbsoluteWork} rows or pages, or when Mann–Whitney over round medians is significant at α {Number(t.Alpha, 2)} split over the report's comparisons and the medians differ by ≥ {Number(t.MinRatio, 2)}× and ≥ {Ms(t.MinAbsoluteMs)}. Growth is fitted on work, and latency projected beyond the largest size as time per row examined × projected rows, with a band: {ProjectionBand(analysis.ModelError)}; between two measured sizes it is interpolated from them."),
        };
        if (PlannerSummary.Build(analysis) is { } summary && analysis.Assumptions is { } reader)
        {
            blocks.Add(new ReportHeading(1, "The answer for your numbers"));
            blocks.Add(new ReportParagraph($"{reader.Profiles} profiles × {Number(reader.TradesPerDayPerProfile)} trades per profile per day from {Date(reader.StartDate)}. Per variant and year: disk (as the sweep builds its tables; grown row by row they take more, see Storage), the worst query's p95 and p99 with their bands (between measured sizes interpolated from the sizes on either side, beyond the largest projected from work growth × time per row; see the method), capacity at the largest size measured, and a verdict."));
            blocks.Add(summary);
            if (PlannerSummary.ProfileShape(data, reader) is { } shape)
            {
                blocks.Add(new ReportParagraph(shape));
            }
            if (analysis.HoldOut is { } check)
            {
                blocks.Add(new ReportParagraph(check.Summary(data.Targets) + (analysis.ModelError is { } error ? $" Beyond {Rows(data.Measurements.Max(m => m.TradeRows))} every band carries the model error all the hold-outs measured: {error.PerTenfold} ({error.Source})." : string.Empty)));
            }
        }

        blocks.Add(new ReportHeading(1, "Recommendations"));
        foreach (var group in analysis.Recommendations.GroupBy(r => r.Rule, StringComparer.Ordinal))
        {
            blocks.Add(new ReportList([.. group.Select(r => $"{r.Text} (rule `{r.Rule}`)")]));
        }

        var cacheRows = CacheStateAnalysis.Table(data, analysis.TargetTests);
        if (cacheRows.Any(r => r.Measurement.Cache!.State != CacheState.Warm))
        {
            blocks.Add(new ReportHeading(1, "As data outgrows memory"));
            blocks.Add(new ReportParagraph("Warm: after a warm-up with the usual buffer pool. Cold: every query runs once a round, each from its own restart of the server (empty pool, O_DIRECT, the OS page cache dropped where permitted), so it shows each query's first execution from an empty pool. Memory-constrained: each variant alone on a restarted server whose pool is a fraction of its data (O_DIRECT, so what the pool lacks comes from the disk), after a warm-up. Hit ratio and disk reads count every timed execution (`Innodb_buffer_pool_read_requests`, `Innodb_buffer_pool_reads`). The query cases repeat fixed parameters, so their working set is small; the capacity column adds the same counters for the capacity search's own traffic at that rate (random profiles and windows, reaching across the data), per request."));
            blocks.Add(new ReportList(CacheStateAnalysis.Findings(cacheRows)));
            blocks.Add(new ReportTable(
                ["variant", "trade rows", "cache", "buffer pool", "data ÷ pool", "hit ratio", "disk reads / execution", "query (over or undecided, else the slowest)", "p50", "p95", "p99", "capacity (req/s)", "targets"],
                [.. cacheRows.Select(r => (IReadOnlyList<string>)[
                    r.Measurement.Variant.ToString(), Rows(r.Measurement.TradeRows), r.Measurement.Cache!.State.ToString().ToLowerInvariant() + (r.Measurement.Cache.OsPageCacheDropped == false ? " (OS cache kept)" : string.Empty),
                    Bytes(r.Measurement.Cache.BufferPoolBytes), Ratio(r.Measurement.DataToMemory!.Value),
                    r.Measurement.Pages is { } p ? Percent(p.HitRatio) : "–", r.Measurement.Pages is { } q ? Number(q.PhysicalPerExecution, 1) : "–",
                    $"`{r.Deciding.Query}`", Estimate(r.Deciding.Estimate(50)), Estimate(r.Deciding.Estimate(95), data.Targets.P95Ms), Estimate(r.Deciding.Estimate(99), data.Targets.P99Ms),
                    r.Measurement.CapacityRps is null ? "–" : r.Measurement.CapacityRps > 0 ? CapacityText(r.Measurement) + TrafficPages(r.Measurement) : "none",
                    r.Standing switch { TargetStanding.Within => "within", TargetStanding.Over => "over: " + r.Reason, _ => "undecided" }])]));
            if (CapacityCharts.MemoryChart(data) is { } memoryChart)
            {
                blocks.Add(new ReportImage("capacity-memory.png", "capacity per variant against data ÷ buffer pool, warm and memory-constrained", memoryChart));
            }
        }

        blocks.Add(new ReportHeading(1, "Query latency, work and plans"));
        blocks.Add(new ReportParagraph("Latency columns: the percentile of every execution with its 95 % interval in brackets. Work: one execution after a warm-up, on one connection."));
        blocks.Add(new ReportTable(
            ["query", "variant", "trade rows", "p50", "p95", "p99", "rows examined", "pages (logical / disk)", "plan", "partitions", "sort / temp"],
            [.. from query in data.QueryNames
                from m in data.Measurements.OrderBy(m => m.Variant).ThenBy(m => m.TradeRows)
                let q = m.Queries.FirstOrDefault(x => x.Query == query)
                where q is not null
                let w = q.WorkOrPlan
                select (IReadOnlyList<string>)[$"`{query}`", m.Variant.ToString(), Rows(m.TradeRows), Estimate(q.Estimate(50)), Estimate(q.Estimate(95)), Estimate(q.Estimate(99)), Number(q.RowsExamined, 0),
                    w.LogicalReads is { } l ? $"{Number(l, 0)} / {Number(w.PhysicalReads ?? 0, 0)}" : "–", w.Plan is { } plan ? $"`{plan}`" : "–", q.PartitionsScanned?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–",
                    (w.Filesort ? "filesort" : string.Empty) + (w.Filesort && w.TemporaryTable ? ", " : string.Empty) + (w.TemporaryTable ? "temporary" : string.Empty) is { Length: > 0 } extra ? extra : "–"]]));

        blocks.Add(new ReportHeading(1, "Variant comparisons"));
        blocks.Add(new ReportTable(
            ["query", "trade rows", "compared", "verdict", "rows examined", "logical pages", "median", "rank test"],
            [.. analysis.Comparisons.Select(c => Row(c, c.Candidate.ToString(), c.Reference.ToString()))]));
        if (analysis.AaCheck.Count > 0)
        {
            blocks.Add(new ReportHeading(2, "A/A check"));
            blocks.Add(new ReportParagraph($"{analysis.AaCheck[0].Candidate} against an identical copy of itself (same DDL and rows, measured in the same rounds): every claim here would be a false one. Claims: {analysis.AaCheck.Count(c => c.Result.IsClaim)} of {analysis.AaCheck.Count}."));
            blocks.Add(new ReportTable(
                ["query", "trade rows", "compared", "verdict", "rows examined", "logical pages", "median", "rank test"],
                [.. analysis.AaCheck.Select(c => Row(c, "copy", c.Reference.ToString()))]));
        }

        blocks.Add(new ReportHeading(1, "Growth of work with data"));
        blocks.Add(new ReportParagraph($"Per query and variant, constant, logarithmic and linear models of rows examined against trade rows are fitted by least squares (lowest AIC, growth only when it beats the constant by ≥ {Number(GrowthFitter.AicMargin, 0)} units). Work counts only as growing when the slope's 95 % interval excludes zero, which needs at least three sizes. Charts: the highest percentile the samples support per variant, with its interval."));
        blocks.Add(new ReportTable(
            ["query", "variant", "rows examined by size", "model", "fitted rows examined", "slope 95 % interval", "pages model", "verdict"],
            [.. analysis.Growth.OrderBy(g => g.Query, StringComparer.Ordinal).ThenBy(g => g.Variant).Select(g => (IReadOnlyList<string>)[
                $"`{g.Query}`", g.Variant.ToString(),
                string.Join(" / ", data.For(g.Variant).Select(m => m.Queries.FirstOrDefault(q => q.Query == g.Query)).Where(q => q is not null).Select(q => Rows(q!.RowsExamined))),
                g.Rows.Best.Model.ToString().ToLowerInvariant(), g.Rows.Best.Formula,
                g.SlopeLower is { } lo && g.SlopeUpper is { } hi ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{lo:G3}, {hi:G3}]") : "–",
                g.Pages?.Best.Model.ToString().ToLowerInvariant() ?? "–", g.Verdict])]));
        // A chart against trade rows needs two sizes; with one it repeats the tables' figures as lone points.
        var severalSizes = data.Measurements.Select(m => m.TradeRows).Distinct().Count() > 1;
        if (severalSizes)
        {
            foreach (var query in data.QueryNames)
            {
                blocks.Add(new ReportImage($"latency-{Slug(query)}.png", $"latency of {query} against trade rows per variant, with 95 % intervals", CapacityCharts.LatencyChart(data, query)));
            }
        }
        else
        {
            blocks.Add(new ReportParagraph("No latency charts: one size was measured, and a chart against trade rows needs two."));
        }

        if (analysis.HoldOut is { } holdOut)
        {
            blocks.AddRange(HoldOutSection(holdOut, analysis.ModelError, data));
        }

        blocks.Add(new ReportHeading(1, "Storage and seeding"));
        blocks.Add(new ReportTable(
            ["variant", "trade rows", "data", "indexes", "total", "bytes/row", "seeding", "rows/s seeded"],
            [.. data.Measurements.OrderBy(m => m.Variant).ThenBy(m => m.TradeRows).Select(m => (IReadOnlyList<string>)[
                m.Variant.ToString(), Rows(m.TradeRows), Bytes(m.DataBytes), Bytes(m.IndexBytes), Bytes(m.TotalBytes),
                m.TradeRows > 0 ? Number((double)m.TotalBytes / m.TradeRows, 0) : "–", $"{Number(m.SeedSeconds)} s",
                m.SeedSeconds > 0 ? Number(m.TradeRows / m.SeedSeconds, 0) : "–"])]));
        blocks.Add(new ReportParagraph("Marginal bytes per trade row: the least-squares slope of bytes against trade rows over the measured sizes (the intercept is the fixed cost of empty pages and partitions). Bytes are all telemetry tables of the variant (trades, metrics, health), which grow with the trades at the seeded mix."));
        blocks.Add(new ReportParagraph(GrownBytes));
        blocks.Add(new ReportTable(
            ["variant", "data B/row", "index B/row", "total B/row", "fixed"],
            [.. analysis.Storage.Select(s => (IReadOnlyList<string>)[s.Variant.ToString(), Number(s.DataBytesPerRow, 0), Number(s.IndexBytesPerRow, 0), Number(s.BytesPerRow, 0), Bytes(s.FixedBytes)])]));
        var largestRows = data.Measurements.Select(m => m.TradeRows).DefaultIfEmpty().Max();
        blocks.Add(new ReportParagraph($"Indexes at {Rows(largestRows)} trade rows and the measured queries whose plans used them:"));
        blocks.Add(new ReportTable(
            ["variant", "table", "index", "size", "used by"],
            [.. data.Measurements.Where(m => m.TradeRows == largestRows).OrderBy(m => m.Variant).SelectMany(m => m.Indexes.Select(i => (IReadOnlyList<string>)[
                m.Variant.ToString(), $"`{i.Table}`", $"`{i.Index}`", Bytes(i.Bytes),
                string.Join(", ", data.For(m.Variant).SelectMany(x => x.Queries).Where(q => q.IndexesUsed.Contains(i.Index, StringComparer.OrdinalIgnoreCase)).Select(q => $"`{q.Query}`").Distinct(StringComparer.Ordinal)) is { Length: > 0 } users ? users : "–"]))]));
        if (analysis.Storage.Count > 0)
        {
            blocks.Add(new ReportImage("bytes-per-row.png", "marginal data and index bytes per trade row per variant", CapacityCharts.BytesPerRowChart(analysis.Storage)));
        }

        blocks.Add(new ReportHeading(1, "Capacity"));
        if (data.Measurements.Any(m => m.CapacityRps is > 0))
        {
            blocks.Add(new ReportParagraph("The highest request rate at which the API met both latency targets, found by the load runner's capacity search."));
            blocks.Add(new ReportTable(
                ["variant", "trade rows", "capacity (req/s)"],
                [.. data.Measurements.Where(m => m.CapacityRps is not null).OrderBy(m => m.Variant).ThenBy(m => m.TradeRows).Select(m => (IReadOnlyList<string>)[
                    m.Variant.ToString(), Rows(m.TradeRows), m.CapacityRps > 0 ? CapacityText(m) : "none: the search's lowest rate already failed"])]));
            if (severalSizes)
            {
                blocks.Add(new ReportImage("capacity.png", "capacity per variant against trade rows", CapacityCharts.CapacityChart(data)!));
            }
        }
        else
        {
            blocks.Add(new ReportParagraph("Capacity was not measured in this run."));
        }

        if (analysis.Assumptions is { } a)
        {
            blocks.Add(new ReportHeading(1, "Projection for your numbers"));
            blocks.Add(new ReportParagraph($"{a.Profiles} profiles × {Number(a.TradesPerDayPerProfile)} trades per profile per day = {Rows(a.RowsPerDay)} trade rows per day from {Date(a.StartDate)} ({Rows(a.StartRows)} rows then), over {Number(a.Years)} years."));
            var variants = analysis.Storage.Select(s => s.Variant).ToList();
            blocks.Add(new ReportTable(
                ["date", "trade rows", .. variants.Select(v => $"{v} disk")],
                [.. analysis.StorageProjection.Select(p => (IReadOnlyList<string>)[Date(p.Date), Rows(p.Rows), .. variants.Select(v => Bytes(p.BytesByVariant[v]))])]));
            blocks.Add(new ReportParagraph($"Latency at {Date(a.EndDate)} ({Rows(a.RowsOn(a.EndDate))} rows): of the percentiles the samples bound (p95, p99), the one with the least headroom to its target, at the largest measured size × projected rows examined ÷ rows examined there, with the band from its interval{(analysis.ModelError is null ? string.Empty : ", widened beyond the largest size by the model error (see the method)")} (a horizon inside the measured range takes it from the sizes on either side, as the first screen does). Beyond the largest size a query whose work does not grow keeps its measured latency{(analysis.ModelError is null ? string.Empty : " and the widened band")}; the date a query reaches its target is where its band's upper end does; a date is printed only when the work's growth is bounded away from zero; crossings and horizons beyond {Number(CapacityProjector.ExtrapolationFactor, 0)}× the largest measured size are extrapolations, and say so."));
            blocks.Add(new ReportTable(
                ["query", "variant", "measured", "work", $"at {Date(a.EndDate)}", "reaches the target"],
                [.. analysis.Projections.OrderBy(p => p.Query, StringComparer.Ordinal).ThenBy(p => p.Variant).Select(p => (IReadOnlyList<string>)[
                    p.ServedByApi ? $"`{p.Query}`" : $"`{p.Query}` (contrast: no API serves it, so no target applies)", p.Variant.ToString(),
                    p.Status == HeadroomStatus.NotSupported ? Estimate(p.Measured, p.TargetMs) : $"p{Number(p.Percentile, 0)} {Estimate(p.Measured, p.TargetMs)} at {Rows(p.MeasuredRows)}",
                    p.Work.Verdict,
                    p.Status == HeadroomStatus.NotSupported ? "–" : $"{Band(p.AtHorizonMs, p.AtHorizonLowerMs, p.AtHorizonUpperMs, p.TargetMs)}{(CapacityProjector.IsExtrapolation(a.RowsOn(a.EndDate), p.MeasuredRows) ? $" (extrapolation: {Ratio(a.RowsOn(a.EndDate) / p.MeasuredRows)} the largest size)" : string.Empty)}",
                    p.Status switch
                    {
                        HeadroomStatus.AlreadyOver => $"over {RecommendationRules.OverWhen(p, a)}",
                        HeadroomStatus.MayBeOver => $"may be over {RecommendationRules.OverWhen(p, a)} (its interval straddles the target)",
                        HeadroomStatus.ReachedWithinHorizon => $"~{Rows(p.RowsAtTarget!.Value)} rows, {Date(p.DateAtTarget!.Value)}{(p.IsExtrapolation ? " (extrapolation)" : string.Empty)}",
                        HeadroomStatus.ModelErrorReaches => $"no date (constant work, measured under the target); only the model error's band reaches it, beyond ~{Rows(p.RowsAtTarget!.Value)} rows{(p.IsExtrapolation ? " (extrapolation)" : string.Empty)}",
                        HeadroomStatus.BeyondHorizon => p.DateAtTarget is { } d ? $"{Date(d)}, after the horizon{(p.IsExtrapolation ? " (extrapolation)" : string.Empty)}" : "after the horizon",
                        HeadroomStatus.NoGrowth => "never (work does not grow)",
                        HeadroomStatus.GrowthNotBounded => "no date (growth not bounded away from zero)",
                        _ => "not projected",
                    }])]));
        }

        return new ReportDocument(Title, blocks);
    }

    /// <summary>"1200 calls, α 0.025": the report's family of target calls.</summary>
    private static string TargetCalls(TargetTests tests) => $"{Number(tests.Count, 0)} calls, α {Alpha(tests.Alpha)}";

    /// <summary>The capacity, "≥ N (…)" when the search missed no step.</summary>
    internal static string CapacityText(VariantMeasurement measurement) =>
        measurement.CapacityIsLowerBound ? $"≥ {Number(measurement.CapacityRps!.Value, 0)} (no step missed the targets: the search's ceiling, or a rate its load generator could not keep)" : Number(measurement.CapacityRps!.Value, 0);

    /// <summary>" (traffic: hit ratio H, D disk reads/request)" for a capacity whose search counted its pages; empty otherwise.</summary>
    internal static string TrafficPages(VariantMeasurement measurement) =>
        measurement.CapacityPages is { } p ? $" (traffic: hit ratio {Percent(p.HitRatio)}, {Number(p.PhysicalPerExecution, 1)} disk reads/request)" : string.Empty;

    /// <summary>A file-name-safe form of a query name.</summary>
    internal static string Slug(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);

    private static IReadOnlyList<string> Row(QueryComparison c, string candidate, string reference) =>
    [
        $"`{c.Query}`", Rows(c.TradeRows), $"{candidate} vs {reference}",
        c.Result.Kind switch
        {
            DifferenceKind.WorkDiffers => $"claim: {(c.Result.CandidateBetter ? "less" : "more")} work; time: {c.Result.Timing switch { TimingVerdict.Faster => "faster", TimingVerdict.Slower => "slower", TimingVerdict.CannotTell => $"cannot tell (needs ≥ {c.Result.RoundsNeeded} rounds)", _ => "no measurable difference" }}",
            DifferenceKind.TimingDiffers => c.Result.CandidateBetter ? "claim: faster" : "claim: slower",
            DifferenceKind.SamePlanNoDifference => "same plan, no measurable difference",
            DifferenceKind.CannotTell => $"cannot tell with {c.Result.Rounds} rounds: needs ≥ {c.Result.RoundsNeeded}",
            _ => "no measurable difference",
        },
        $"{Number(c.Result.CandidateWork.RowsExamined, 0)} vs {Number(c.Result.ReferenceWork.RowsExamined, 0)}",
        c.Result.CandidateWork.LogicalReads is { } cp && c.Result.ReferenceWork.LogicalReads is { } rp ? $"{Number(cp, 0)} vs {Number(rp, 0)}" : "–",
        $"{Estimate(c.Result.CandidateMedian)} vs {Estimate(c.Result.ReferenceMedian)}",
        $"{PValue(c.Result.PValue)} (α {Alpha(c.Result.Alpha)})",
    ];

    /// <summary>What widens a projection's band beyond the largest size, for the method paragraph.</summary>
    private static string ProjectionBand(ModelError? error) => error is null
        ? $"the percentile's interval scaled by the work, and nothing for the model's own error (sizing it needs three sizes and ≥ {ModelError.MinimumChecks} p95 comparisons in the report's hold-outs)"
        : $"the percentile's interval scaled by the work, widened by the model error the report's own hold-outs measured ({error.PerTenfold} beyond the largest size; see \"How far the projections hold\")";

    /// <summary>How the model error the projections carry is sized, and what it came to, for the hold-out section.</summary>
    private static string ModelErrorText(ModelError? error, HoldOutCheck check, string largest) => error is null
        ? $"Model error: too few p95 comparisons in the hold-outs (≥ {ModelError.MinimumChecks} needed), so the bands beyond {largest} carry the sampling interval alone."
        : $"Model error: every size with two smaller ones is projected from them as above, and each query's measured p95 over its projected p95 is taken per e-fold of rows beyond the largest fitted size, as a power ({error.Source}). Its {Number(ModelError.Coverage * 100, 0)} % split-conformal bounds (pooled over variants and queries) widen every band beyond {largest}: {error.PerTenfold}, as time per row and work fits moved here. Such a band covers a new projection {Number(ModelError.Coverage * 100, 0)} % of the time if it misses as these did; "
            + (check.ModelError is null
                ? "with three sizes the check above is its only hold-out, so no size it was not drawn from has tested it: a fourth size would."
                : $"the check above tested the bounds the smaller sizes' hold-outs gave on {largest}, which they were not drawn from.");

    /// <summary>How the sweep kept the machine's drift out of the growth between sizes, for the hold-out section: the same rounds for every size, or the control's timings beside each size against those beside the smallest; null when it did neither.</summary>
    private static string? DriftText(CapacityData data)
    {
        if (data.SizesInterleaved)
        {
            return "Machine drift: every size was seeded first and all were timed in the same interleaved rounds (`--interleave-sizes`), so a change in the machine's speed during the run reached every size alike and is not in the growth between them. All sizes' data shared one buffer pool while they were timed.";
        }

        if (data.Controls.Count == 0)
        {
            return null;
        }

        var first = data.Controls.MinBy(c => c.TradeRows)!;
        var drifts = data.Controls.OrderBy(c => c.TradeRows).Skip(1)
            .Select(c => ControlDrift.Between(first, c) is { } drift ? $"{Rows(c.TradeRows)} {drift}{(drift.Changed ? " (changed)" : string.Empty)}" : null).OfType<string>().ToList();
        return $"Machine drift: the sizes are timed one after another, and a shared machine's speed moves between them. So every size's rounds also time a control: the same queries on the smallest size's rows (seeded once under their own prefix), whose work never changes. Its timings beside each size, as the median over queries of p50 over its p50 beside {Rows(first.TradeRows)}, with the median's 95 % interval: "
            + (drifts.Count == 0 ? "no other size timed it." : $"{string.Join(", ", drifts)}. Where the interval excludes 1 the same work ran at another speed beside that size: the machine's, or what that size's data does to the caches both share (the CPU's, the buffer pool's). That size's time per row carries the change as well as the data's own effect. So where it is shown between a held-out size and the largest size that size is projected from, and the control read every page from memory beside both (the change is then not the held-out size's data evicting it), the check below and the model error's hold-outs set each percentile's projections to the held-out size's speed (× the control's median change in the same percentile, since a machine moves a tail by other than its median): they measure the method, not the drift. Where it read from disk, they say what that scaling would have done.");
    }

    /// <summary>The held-out size's section: how often the projections held, then one row per (variant, query).</summary>
    private static IEnumerable<ReportBlock> HoldOutSection(HoldOutCheck check, ModelError? error, CapacityData data)
    {
        var targets = data.Targets;
        var size = Rows(check.HeldOutRows);
        yield return new ReportHeading(1, "How far the projections hold");
        yield return new ReportParagraph($"The method above, applied without the largest size: each query's latency at {size} as the sizes up to {Rows(check.FittedRows)} project it (work growth × time per row at {Rows(check.FittedRows)}, with the band from its interval, {check.BandMeaning}), beside the 95 % interval {size} measured. A projection held when the measured interval overlaps the band. Rows examined are exact on both sides, so a miss in them is the growth model's; a miss in time with the work right is the time per row changing with size (what the buffer pool holds, plans, fixed costs). Projections beyond {size} rest on the same method, with the same kind of error.");
        yield return new ReportParagraph(ModelErrorText(error, check, size));
        if (DriftText(data) is { } drift)
        {
            yield return new ReportParagraph(drift);
        }

        yield return new ReportList(check.Findings(targets));
        yield return new ReportTable(
            ["query", "variant", "rows examined: projected / measured", "p50 projected", "p50 measured", "p95 projected", "p95 measured", "p95", $"p95 < {Ms(targets.P95Ms)}: projected / measured"],
            [.. check.Checks.OrderBy(c => c.Query, StringComparer.Ordinal).ThenBy(c => c.Variant).Select(c => (IReadOnlyList<string>)[
                $"`{c.Query}`", c.Variant.ToString(), $"{Rows(c.ProjectedRowsExamined)} / {Rows(c.MeasuredRowsExamined)}",
                Projected(c.At(50), double.NaN), Estimate(check.MeasurementOf(c).Estimate(50)),
                Projected(c.At(95), targets.P95Ms), Estimate(check.MeasurementOf(c).Estimate(95), targets.P95Ms),
                c.At(95) is { } outcome ? $"{OutcomeText(outcome.Outcome)} ({Ratio(outcome.Ratio)})" : "–",
                $"{StandingText(c.ProjectedP95)} / {StandingText(c.MeasuredP95)}"])]);

        // A p95's figures read on their side of the target the last column judges them by; a p50 has none (NaN).
        static string Projected(PercentileCheck? check, double targetMs) => check is null ? "–" : Band(check.ProjectedMs, check.ProjectedLowerMs, check.ProjectedUpperMs, targetMs);

        static string OutcomeText(ProjectionOutcome outcome) => outcome switch
        {
            ProjectionOutcome.Above => "above the band",
            ProjectionOutcome.Below => "below the band",
            _ => "held",
        };

        static string StandingText(TargetStanding? standing) => standing switch
        {
            TargetStanding.Within => "under",
            TargetStanding.Over => "over",
            TargetStanding.Undecided => "straddles",
            _ => "–",
        };
    }
}
