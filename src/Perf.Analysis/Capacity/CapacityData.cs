using System.Globalization;
using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>The measured input of a capacity report: every (variant, size) measurement and the targets.</summary>
/// <param name="Measurements">One entry per schema variant and dataset size.</param>
/// <param name="Targets">The latency targets queries must meet.</param>
public sealed record CapacityData(IReadOnlyList<VariantMeasurement> Measurements, LatencyTargets Targets)
{
    /// <summary>The A/A check's measurements (<c>--aa</c>): an identical copy of one variant (same DDL, same rows), measured in the same rounds; empty otherwise.</summary>
    public IReadOnlyList<VariantMeasurement> Copies { get; init; } = [];

    /// <summary>The cold and memory-constrained measurements (<c>--cache-states</c>), per variant and size; the warm ones are <see cref="Measurements"/>.</summary>
    public IReadOnlyList<VariantMeasurement> CacheStates { get; init; } = [];

    /// <summary>The control's timings beside each size, smallest size first; empty in sweeps recorded before the control.</summary>
    public IReadOnlyList<ControlMeasurement> Controls { get; init; } = [];

    /// <summary>The profiles the sweep seeded at every size; null in sweeps recorded before it.</summary>
    public int? SeedProfiles { get; init; }

    /// <summary>Trades per profile per calendar day over the largest size's seeded span (weekends included); null in sweeps recorded before it.</summary>
    public double? SeedTradesPerProfilePerDay { get; init; }

    /// <summary>Whether every size was timed in the same interleaved rounds (<c>--interleave-sizes</c>): the machine's drift then reaches every size alike, and no control is timed.</summary>
    public bool SizesInterleaved { get; init; }

    /// <summary>The control's change in <paramref name="percentile"/> from the rounds of <paramref name="fromRows"/> to those of <paramref name="toRows"/>; null when it was not timed beside both.</summary>
    public ControlDrift? DriftBetween(long fromRows, long toRows, double percentile = 50) =>
        Controls.FirstOrDefault(c => c.TradeRows == fromRows) is { } from && Controls.FirstOrDefault(c => c.TradeRows == toRows) is { } to ? ControlDrift.Between(from, to, percentile) : null;

    /// <summary>Why a report cannot be made from these measurements (a target or latency that is no positive time, a size of no rows, rows examined, seed time, bytes or capacity below zero, a measurement of no queries, an empty round, a query or a variant and size measured twice), or null.</summary>
    /// <remarks>For measurements read back from a file: a sweep never records such values, and a report would print them as findings.</remarks>
    public string? Problem()
    {
        if (!(IsTime(Targets.P95Ms) && Targets.P95Ms > 0 && IsTime(Targets.P99Ms) && Targets.P99Ms > 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"its latency targets must be positive milliseconds; they are p95 {Targets.P95Ms} and p99 {Targets.P99Ms}.");
        }

        if (Measurements.CountBy(m => (m.Variant, m.TradeRows)).FirstOrDefault(c => c.Value > 1) is { Value: > 1 } twice)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it measures {twice.Key.Variant} at {twice.Key.TradeRows} rows {twice.Value} times.");
        }

        foreach (var m in Measurements.Concat(Copies).Concat(CacheStates))
        {
            (string Name, double Value)? below = !IsTime(m.SeedSeconds) ? ("seedSeconds", m.SeedSeconds)
                : m.DataBytes < 0 ? ("dataBytes", m.DataBytes)
                : m.IndexBytes < 0 ? ("indexBytes", m.IndexBytes)
                : m.CapacityRps is { } rps && !IsTime(rps) ? ("capacityRps", rps)
                : null;
            if (below is { } field)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{m.Variant} at {m.TradeRows} rows records {field.Name} {field.Value}, not a number ≥ 0.");
            }
        }

        var sizes = Measurements.Concat(Copies).Concat(CacheStates).Select(m => (What: m.Variant.ToString(), m.TradeRows, m.Queries))
            .Concat(Controls.Select(c => (What: "the control", c.TradeRows, c.Queries)));
        foreach (var (what, rows, queries) in sizes)
        {
            if (rows <= 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a measurement of {what} holds {rows} trade rows.");
            }

            if (queries.Count == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a measurement of {what} at {rows} rows holds no queries.");
            }

            if (queries.CountBy(q => q.Query).FirstOrDefault(c => c.Value > 1) is { Value: > 1 } repeated)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{what} at {rows} rows measures {repeated.Key} {repeated.Value} times.");
            }

            if (queries.FirstOrDefault(q => q.RoundsMs.Any(r => r.Count == 0)) is { } emptyRound)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{emptyRound.Query} on {what} at {rows} rows has a round of no executions.");
            }

            if (queries.FirstOrDefault(q => !new[] { q.P50Ms, q.P95Ms, q.P99Ms }.Concat(q.RoundsMs.SelectMany(r => r)).All(IsTime)) is { } query)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{query.Query} on {what} at {rows} rows has a latency that is not a number of milliseconds ≥ 0.");
            }

            if (queries.FirstOrDefault(q => q.RowsExamined < 0) is { } negative)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{negative.Query} on {what} at {rows} rows examined {negative.RowsExamined} rows.");
            }
        }

        return null;

        static bool IsTime(double ms) => double.IsFinite(ms) && ms >= 0;
    }

    /// <summary>The distinct query names, in first-seen order.</summary>
    public IReadOnlyList<string> QueryNames => [.. Measurements.SelectMany(m => m.Queries).Select(q => q.Query).Distinct(StringComparer.Ordinal)];

    /// <summary>The distinct variants, in enum order.</summary>
    public IReadOnlyList<SchemaVariant> Variants => [.. Measurements.Select(m => m.Variant).Distinct().Order()];

    /// <summary>The measured sizes of <paramref name="variant"/>, smallest first.</summary>
    public IReadOnlyList<VariantMeasurement> For(SchemaVariant variant) =>
        [.. Measurements.Where(m => m.Variant == variant).OrderBy(m => m.TradeRows)];

    /// <summary>The sizes at which a variant measured a query, smallest first, each with that measurement.</summary>
    public IReadOnlyList<(long TradeRows, QueryMeasurement Query)> SizesOf(SchemaVariant variant, string query) =>
        [.. For(variant).Where(m => m.Queries.Any(q => q.Query == query)).Select(m => (m.TradeRows, m.Queries.First(q => q.Query == query)))];
}
