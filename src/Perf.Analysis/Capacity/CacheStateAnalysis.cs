using static Perf.Analysis.Capacity.ReportFormat;

namespace Perf.Analysis.Capacity;

/// <summary>How each variant stands against the targets as its data outgrows memory: warm, cold and memory-constrained measurements ordered by data ÷ buffer pool.</summary>
public static class CacheStateAnalysis
{
    /// <summary>Every measurement that recorded its cache conditions, per variant by data ÷ memory, judged by the report's target calls (<paramref name="tests"/>).</summary>
    public static IReadOnlyList<CacheStateRow> Table(CapacityData data, TargetTests tests)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tests);
        return [.. data.Measurements.Concat(data.CacheStates)
            .Where(m => m.Cache is not null && m.Queries.Any(q => q.ServedByApi))
            .OrderBy(m => m.Variant).ThenBy(m => m.DataToMemory).ThenBy(m => m.Cache!.State)
            .Select(m => Stand(m, tests))];
    }

    /// <summary>Per variant, one sentence: up to which data ÷ memory it stays within the targets, and where it leaves them, with the evidence.</summary>
    /// <param name="rows">The report's cache-state table (<see cref="Table"/>).</param>
    public static IReadOnlyList<string> Findings(IReadOnlyList<CacheStateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var findings = new List<string>();
        foreach (var variant in rows.Select(r => r.Measurement.Variant).Distinct())
        {
            var mine = rows.Where(r => r.Measurement.Variant == variant && r.Measurement.Cache!.State != CacheState.Cold).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var firstOver = mine.FirstOrDefault(r => r.Standing == TargetStanding.Over);
            var lastWithin = mine.LastOrDefault(r => r.Standing == TargetStanding.Within && (firstOver is null || r.Measurement.DataToMemory <= firstOver.Measurement.DataToMemory));
            var text = lastWithin is null ? $"{variant}: no measurement shows it within the targets" : $"{variant}: within the targets up to data {Ratio(lastWithin.Measurement.DataToMemory!.Value)} memory ({Describe(lastWithin)}: {lastWithin.Reason})";
            text += firstOver is not null ? $"; leaves them at data {Ratio(firstOver.Measurement.DataToMemory!.Value)} memory ({Describe(firstOver)}): {firstOver.Reason}."
                : mine.FirstOrDefault(r => r.Standing == TargetStanding.Undecided) is { } undecided ? $"; undecided from data {Ratio(undecided.Measurement.DataToMemory!.Value)} memory ({Describe(undecided)}), where no capacity search ran: {undecided.Reason}."
                : "; it left them at no measured size.";
            if (firstOver is not null && lastWithin is not null && firstOver.Measurement.TradeRows != lastWithin.Measurement.TradeRows)
            {
                // Sizes and pools share one axis here: a step between sizes moves the data as well as its ratio to memory.
                text += $" Between the two the data also grew from {Rows(lastWithin.Measurement.TradeRows)} to {Rows(firstOver.Measurement.TradeRows)} trade rows, so that step is not memory's alone"
                    + (firstOver.Measurement.DataToMemory < 1 ? $": at {Ratio(firstOver.Measurement.DataToMemory!.Value)} the data fits in the pool, so the size, not memory, took it over." : ".");
            }

            text += CapacityByPool(mine);
            if (rows.FirstOrDefault(r => r.Measurement.Variant == variant && r.Measurement.Cache!.State == CacheState.Cold && r.Measurement.TradeRows == rows.Max(x => x.Measurement.TradeRows)) is { } cold)
            {
                // The slowest by median, which need not be the query that decided the row (one over a target by its p99).
                var slowest = cold.Measurement.Queries.Where(q => q.ServedByApi).MaxBy(q => q.P50Ms)!;
                text += $" After a restart at {Rows(cold.Measurement.TradeRows)} trade rows, the slowest first execution is `{slowest.Query}` at p50 {Estimate(slowest.Estimate(50))}.";
            }

            findings.Add(text);
        }

        return findings;
    }

    /// <summary>Where one measurement stands, judged on the queries the API serves: over when the report's <paramref name="tests"/> call a p95 or p99 over its target or capacity was zero; within when the capacity search met the targets or every p95/p99 interval lies below them.</summary>
    internal static CacheStateRow Stand(VariantMeasurement measurement, TargetTests tests)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(tests);
        // The targets bind what the API serves; a contrast query (the full scan) is shown, not judged.
        var served = measurement.Queries.Where(q => q.ServedByApi).ToList();
        var slowest = served.MaxBy(q => q.P50Ms)!;
        if (served.FirstOrDefault(q => q.TimedOut) is { } timedOut)
        {
            return new CacheStateRow(measurement, timedOut, TargetStanding.Over, $"`{timedOut.Query}` ran past the command timeout ({Ms(timedOut.RoundsMs.SelectMany(r => r).Max())})");
        }

        // The lower bound needs far fewer samples than the interval (QuantileEstimate.AtLeast), so 8 executions of a slow
        // query suffice; the call is the report's family's (TargetTests), not the bound's alone.
        var calls = served.OrderByDescending(q => q.P50Ms).SelectMany(q => TargetTests.Percentiles.Select(p => (Query: q, Percentile: p))).ToList();
        if (calls.FirstOrDefault(c => tests.IsOver(c.Query, c.Percentile)) is { Query: not null } over)
        {
            return new CacheStateRow(measurement, over.Query, TargetStanding.Over, $"`{over.Query.Query}` {Call(over.Query, over.Percentile, tests)} lies at or above the p{Number(over.Percentile, 0)} target {Ms(tests.TargetMs(over.Percentile))} ({tests.Evidence(over.Query, over.Percentile)})");
        }

        if (measurement.CapacityRps is { } rps)
        {
            return rps > 0
                ? new CacheStateRow(measurement, slowest, TargetStanding.Within, $"the load runner met p95 and p99 at {CapacityReportBuilder.CapacityText(measurement)} req/s{CapacityReportBuilder.TrafficPages(measurement)}")
                : new CacheStateRow(measurement, slowest, TargetStanding.Over, "the load runner's lowest rate already missed p95 or p99");
        }

        // Undecided names the query whose intervals do not lie below the targets (too few samples, one reaching a target,
        // or one whose lower bound alone reaches it), not the slowest.
        if (calls.FirstOrDefault(c => tests.IsOverAlone(c.Query, c.Percentile)) is { Query: not null } alone)
        {
            return new CacheStateRow(measurement, alone.Query, TargetStanding.Undecided, $"`{alone.Query.Query}` {Call(alone.Query, alone.Percentile, tests)} reaches the p{Number(alone.Percentile, 0)} target {Ms(tests.TargetMs(alone.Percentile))} by its lower bound alone ({tests.Evidence(alone.Query, alone.Percentile)})");
        }

        return served.OrderByDescending(q => q.P50Ms).FirstOrDefault(q => !(q.Estimate(95).IsUnder(tests.TargetMs(95)) && q.Estimate(99).IsUnder(tests.TargetMs(99)))) is { } open
            ? new CacheStateRow(measurement, open, TargetStanding.Undecided, $"`{open.Query}` p95 {Estimate(open.Estimate(95))}, p99 {Estimate(open.Estimate(99))}: not shown under the targets, nor over them")
            : new CacheStateRow(measurement, slowest, TargetStanding.Within, $"every query's p95 and p99 intervals lie below the targets; slowest `{slowest.Query}` p99 {Estimate(slowest.Estimate(99))}");
    }

    /// <summary>"p99 1204 ms [≥ 1010]": the percentile as the report prints it beside its target.</summary>
    private static string Call(QueryMeasurement query, double percentile, TargetTests tests) =>
        $"p{Number(percentile, 0)} {Estimate(query.Estimate(percentile), tests.TargetMs(percentile))}";

    /// <summary>
    /// " As the same 10M trade rows outgrow the pool, the highest rate meeting p95 and p99 goes 580 req/s at 5.6× (2 GiB pool) → … → 140 req/s at 367× (32 MiB pool)":
    /// the capacity searches at the largest size searched under two or more pools, by data ÷ pool; empty otherwise.
    /// </summary>
    /// <remarks>Sizes differ in more than their data ÷ memory (the queries' own work grows), so only one size's pools isolate memory.</remarks>
    private static string CapacityByPool(IReadOnlyList<CacheStateRow> rows)
    {
        var searched = rows.Where(r => r.Measurement.CapacityRps is not null).ToList();
        if (searched.Count == 0)
        {
            return string.Empty;
        }

        var largest = searched.Max(r => r.Measurement.TradeRows);
        var pools = searched.Where(r => r.Measurement.TradeRows == largest).ToList();
        if (pools.Select(r => r.Measurement.Cache!.BufferPoolBytes).Distinct().Count() < 2)
        {
            return string.Empty;
        }

        if (pools.All(r => r.Measurement.CapacityRps == 0))
        {
            return $" At the same {Rows(largest)} trade rows no rate met p95 and p99 under any pool ({Bytes(pools[0].Measurement.Cache!.BufferPoolBytes)} down to {Bytes(pools[^1].Measurement.Cache!.BufferPoolBytes)}, data {Ratio(pools[0].Measurement.DataToMemory!.Value)} to {Ratio(pools[^1].Measurement.DataToMemory!.Value)} the pool).";
        }

        var steps = pools.Select(r => r.Measurement switch
        {
            { CapacityRps: 0 } m => $"no rate at {Ratio(m.DataToMemory!.Value)} ({Bytes(m.Cache!.BufferPoolBytes)} pool)",
            var m => $"{(m.CapacityIsLowerBound ? "≥ " : string.Empty)}{Number(m.CapacityRps!.Value, 0)} req/s at {Ratio(m.DataToMemory!.Value)} ({Bytes(m.Cache!.BufferPoolBytes)} pool)",
        });
        return $" As the same {Rows(largest)} trade rows outgrow the pool, the highest rate meeting p95 and p99 goes {string.Join(" → ", steps)}."
            + Fall(pools[0].Measurement, pools[^1].Measurement);
    }

    /// <summary>What one search per pool shows between the largest pool and the smallest (some rate met the targets under one of them): a fall only beyond <see cref="RecommendationRules.SingleSearchSpread"/>, the spread of repeated searches of one system.</summary>
    private static string Fall(VariantMeasurement largestPool, VariantMeasurement smallestPool)
    {
        var spread = $"one search per pool, and repeated searches of one system have read {Ratio(RecommendationRules.SingleSearchSpread)} apart here";
        if (largestPool.CapacityRps == 0)
        {
            return string.Empty;
        }

        if (smallestPool.CapacityRps == 0)
        {
            return $" With {spread}, the fall to no rate under the smallest pool is shown; steps closer than {Ratio(RecommendationRules.SingleSearchSpread)} are not differences.";
        }

        if (smallestPool.CapacityIsLowerBound)
        {
            return $" The smallest pool's search missed no step (≥ {Number(smallestPool.CapacityRps!.Value, 0)} req/s), so no fall from the largest can be read.";
        }

        var ratio = largestPool.CapacityRps!.Value / smallestPool.CapacityRps!.Value;
        var atLeast = largestPool.CapacityIsLowerBound ? "at least " : string.Empty;
        return ratio >= RecommendationRules.SingleSearchSpread
            ? $" From the largest pool to the smallest it falls {atLeast}{Ratio(ratio, RecommendationRules.SingleSearchSpread)} ({spread}, so steps between neighbouring pools closer than that are not differences)."
            : $" From the largest pool to the smallest that is {atLeast}{Ratio(ratio, RecommendationRules.SingleSearchSpread)}: {spread}, so these searches do not show a fall.";
    }

    private static string Describe(CacheStateRow row)
    {
        var m = row.Measurement;
        var pages = m.Pages is { } p ? $", hit ratio {Percent(p.HitRatio)}" : string.Empty;
        return $"{Rows(m.TradeRows)} trade rows, {m.Cache!.State.ToString().ToLowerInvariant()}, {Bytes(m.Cache.BufferPoolBytes)} pool{pages}";
    }
}
