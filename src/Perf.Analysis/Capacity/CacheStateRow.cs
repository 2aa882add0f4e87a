namespace Perf.Analysis.Capacity;

/// <summary>One measurement in the cache-state table: its conditions, the query that decides its standing, and the standing.</summary>
/// <param name="Measurement">The variant at one size and cache state.</param>
/// <param name="Deciding">The query over a target when <paramref name="Standing"/> is over, the slowest one not shown under them when undecided, else the query with the highest median.</param>
/// <param name="Standing">Where it stands against the targets.</param>
/// <param name="Reason">The evidence in a few words: the percentile and its interval, or the capacity search.</param>
public sealed record CacheStateRow(VariantMeasurement Measurement, QueryMeasurement Deciding, TargetStanding Standing, string Reason);
