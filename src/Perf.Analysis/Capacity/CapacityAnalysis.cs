using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>Everything a capacity report says, computed from <see cref="CapacityData"/>: comparisons, work growth, projections, recommendations.</summary>
/// <param name="Data">The measurements.</param>
/// <param name="Growth">The work growth per (variant, query).</param>
/// <param name="Storage">The bytes-per-row fit per variant.</param>
/// <param name="Assumptions">The reader's numbers, or null when none were given.</param>
/// <param name="StorageProjection">Rows and bytes over the horizon (empty without assumptions).</param>
/// <param name="Projections">Each (variant, query)'s latency projected from its work (empty without assumptions).</param>
/// <param name="Comparisons">Every (query, size) compared between the variant pairs the rules ask about.</param>
/// <param name="AaCheck">Every (query, size) compared between a variant and its identical copy (empty without <c>--aa</c>).</param>
/// <param name="Thresholds">When a difference is a claim.</param>
/// <param name="Recommendations">The derived recommendations.</param>
public sealed record CapacityAnalysis(
    CapacityData Data,
    IReadOnlyList<WorkGrowth> Growth,
    IReadOnlyList<StorageFit> Storage,
    GrowthAssumptions? Assumptions,
    IReadOnlyList<StoragePoint> StorageProjection,
    IReadOnlyList<LatencyProjection> Projections,
    IReadOnlyList<QueryComparison> Comparisons,
    IReadOnlyList<QueryComparison> AaCheck,
    ClaimThresholds Thresholds,
    IReadOnlyList<Recommendation> Recommendations)
{
    /// <summary>The variant pairs compared, candidate first: what partitioning and composite indexes each change.</summary>
    public static readonly IReadOnlyList<(SchemaVariant Candidate, SchemaVariant Reference)> Pairs =
        [(SchemaVariant.Partitioned, SchemaVariant.Composite), (SchemaVariant.Composite, SchemaVariant.Basic)];

    /// <summary>The largest size projected from the smaller ones by this method, beside what it measured: how far the projections hold on this data; null with fewer than three sizes.</summary>
    public HoldOutCheck? HoldOut { get; init; }

    /// <summary>Which measured p95s and p99s the report calls over their targets: every such call tested together (<see cref="Capacity.TargetTests"/>).</summary>
    public required TargetTests TargetTests { get; init; }

    /// <summary>How far the method missed in the report's own hold-outs, which widens every band beyond the largest size; null with too few comparisons (<see cref="ModelError.MinimumChecks"/>).</summary>
    public ModelError? ModelError { get; init; }

    /// <summary>Compares, fits, projects and derives the recommendations.</summary>
    public static CapacityAnalysis Analyze(CapacityData data, GrowthAssumptions? assumptions, ClaimThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        assumptions?.Validate();
        thresholds ??= ClaimThresholds.Default;
        var growth = FitGrowth(data);
        var comparisons = Compare(thresholds, Pairs.SelectMany(p => Pairings(data.Measurements, p.Candidate, data.Measurements, p.Reference)).ToList());
        var aaCheck = Compare(thresholds, [.. data.Copies.SelectMany(c => Pairings([c], c.Variant, data.Measurements, c.Variant))]);
        var storage = data.Variants.Where(v => data.For(v).Any(m => m.TradeRows > 0)).Select(v => StorageFit.From(v, data.Measurements)).ToList();
        IReadOnlyList<StoragePoint> projection = [];
        IReadOnlyList<LatencyProjection> projections = [];
        var error = ModelError.Calibrate(data);
        var tests = TargetTests.Of(data);
        if (assumptions is not null)
        {
            projection = CapacityProjector.Storage(assumptions, storage);
            projections = [.. growth.Select(g =>
            {
                var sizes = data.SizesOf(g.Variant, g.Query);
                return CapacityProjector.Latency(g, sizes[^1].TradeRows, sizes[^1].Query, tests, assumptions, sizes, error);
            })];
        }

        var analysis = new CapacityAnalysis(data, growth, storage, assumptions, projection, projections, comparisons, aaCheck, thresholds, [])
        {
            HoldOut = HoldOutCheck.Of(data),
            ModelError = error,
            TargetTests = tests,
        };
        return analysis with { Recommendations = RecommendationRules.Derive(analysis) };
    }

    /// <summary>Fits each (variant, query)'s rows examined (and page reads) against trade rows over the sizes measured.</summary>
    public static IReadOnlyList<WorkGrowth> FitGrowth(CapacityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var growth = new List<WorkGrowth>();
        foreach (var variant in data.Variants)
        {
            foreach (var query in data.QueryNames)
            {
                var measured = data.For(variant)
                    .Select(m => (Rows: (double)m.TradeRows, Query: m.Queries.FirstOrDefault(q => q.Query == query)))
                    .Where(p => p.Query is not null && p.Rows > 0)
                    .ToList();
                if (measured.Count == 0)
                {
                    continue;
                }

                List<(double Rows, double Value)> rows = [.. measured.Select(p => (p.Rows, (double)p.Query!.RowsExamined))];
                var rowsFit = GrowthFitter.Fit(rows);
                var interval = GrowthFitter.SlopeInterval(rows, rowsFit.Best);
                var pages = measured.All(p => p.Query!.Work?.LogicalReads is not null)
                    ? GrowthFitter.Fit([.. measured.Select(p => (p.Rows, (double)p.Query!.Work!.LogicalReads!.Value))])
                    : null;
                growth.Add(new WorkGrowth(variant, query, rowsFit, pages, interval?.Lower, interval?.Upper));
            }
        }

        return growth;
    }

    private static IEnumerable<(string Query, long Rows, VariantMeasurement Candidate, QueryMeasurement CandidateQuery, VariantMeasurement Reference, QueryMeasurement ReferenceQuery)> Pairings(
        IEnumerable<VariantMeasurement> candidates, SchemaVariant candidate, IEnumerable<VariantMeasurement> references, SchemaVariant reference) =>
        from c in candidates.Where(m => m.Variant == candidate)
        join r in references.Where(m => m.Variant == reference) on c.TradeRows equals r.TradeRows
        from cq in c.Queries
        let rq = r.Queries.FirstOrDefault(q => q.Query == cq.Query)
        where rq is not null
        orderby cq.Query, c.TradeRows
        select (cq.Query, c.TradeRows, c, cq, r, rq);

    /// <summary>Compares each pairing at α split over the pairings of this family (Bonferroni), so many comparisons do not make false claims likely.</summary>
    private static List<QueryComparison> Compare(ClaimThresholds thresholds, List<(string Query, long Rows, VariantMeasurement Candidate, QueryMeasurement CandidateQuery, VariantMeasurement Reference, QueryMeasurement ReferenceQuery)> pairings)
    {
        var alpha = thresholds.Alpha / Math.Max(1, pairings.Count);
        return [.. pairings.Select(p => new QueryComparison(p.Query, p.Rows, p.Candidate.Variant, p.Reference.Variant,
            ClaimRule.Compare(p.CandidateQuery.WorkOrPlan, p.CandidateQuery.RoundsMs, p.ReferenceQuery.WorkOrPlan, p.ReferenceQuery.RoundsMs, thresholds, alpha)))];
    }

    /// <summary>The work growth of <paramref name="query"/> on <paramref name="variant"/>, if fitted.</summary>
    public WorkGrowth? GrowthOf(SchemaVariant variant, string query) => Growth.FirstOrDefault(g => g.Variant == variant && g.Query == query);
}
