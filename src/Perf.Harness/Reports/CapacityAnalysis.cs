using Telemetry.Data.Schema;

namespace Perf.Harness.Reports;

/// <summary>Everything a capacity report says, computed from <see cref="CapacityData"/>: fits, projections, recommendations.</summary>
/// <param name="Data">The measurements.</param>
/// <param name="Growth">The P99 growth fit per (variant, query).</param>
/// <param name="Storage">The bytes-per-row fit per variant.</param>
/// <param name="Assumptions">The reader's numbers, or null when none were given.</param>
/// <param name="StorageProjection">Rows and bytes over the horizon (empty without assumptions).</param>
/// <param name="Headroom">Until when each (variant, query) keeps P99 under the target (empty without assumptions).</param>
/// <param name="Recommendations">The derived recommendations.</param>
public sealed record CapacityAnalysis(
    CapacityData Data,
    IReadOnlyList<QueryGrowth> Growth,
    IReadOnlyList<StorageFit> Storage,
    GrowthAssumptions? Assumptions,
    IReadOnlyList<StoragePoint> StorageProjection,
    IReadOnlyList<HeadroomProjection> Headroom,
    IReadOnlyList<Recommendation> Recommendations)
{
    /// <summary>Fits, projects and derives the recommendations.</summary>
    public static CapacityAnalysis Analyze(CapacityData data, GrowthAssumptions? assumptions)
    {
        ArgumentNullException.ThrowIfNull(data);
        assumptions?.Validate();
        var growth = new List<QueryGrowth>();
        foreach (var variant in data.Variants)
        {
            foreach (var query in data.QueryNames)
            {
                var points = data.For(variant)
                    .Select(m => (Rows: (double)m.TradeRows, Query: m.Queries.FirstOrDefault(q => q.Query == query)))
                    .Where(p => p.Query is not null && p.Rows > 0)
                    .Select(p => (p.Rows, p.Query!.P99Ms))
                    .ToList();
                if (points.Count > 0)
                {
                    growth.Add(new QueryGrowth(variant, query, GrowthFitter.Fit(points)));
                }
            }
        }

        var storage = data.Variants.Where(v => data.For(v).Any(m => m.TradeRows > 0)).Select(v => StorageFit.From(v, data.Measurements)).ToList();
        IReadOnlyList<StoragePoint> projection = [];
        IReadOnlyList<HeadroomProjection> headroom = [];
        if (assumptions is not null)
        {
            projection = CapacityProjector.Storage(assumptions, storage);
            headroom = [.. growth.Select(g => CapacityProjector.Headroom(g.Variant, g.Query, g.P99.Best, data.Targets.P99Ms, assumptions))];
        }

        var recommendations = RecommendationRules.Derive(data, storage, headroom, assumptions);
        return new CapacityAnalysis(data, growth, storage, assumptions, projection, headroom, recommendations);
    }

    /// <summary>The growth of <paramref name="query"/> on <paramref name="variant"/>, if fitted.</summary>
    public QueryGrowth? GrowthOf(SchemaVariant variant, string query) => Growth.FirstOrDefault(g => g.Variant == variant && g.Query == query);
}
