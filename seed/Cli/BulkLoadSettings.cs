namespace Perf.Seed.Cli;

/// <summary>What <c>bench-load</c> measures, as read from its command line.</summary>
/// <param name="Trades">Trades to load.</param>
/// <param name="Seed">The master random seed.</param>
/// <param name="Repeat">Pairs of alternating runs (one of each side).</param>
/// <param name="ChunkRows">Rows per load transaction, or null for the seeder's default.</param>
/// <param name="Keep">Keep the bench databases afterwards.</param>
/// <param name="ResultsDirectory">The output directory, or null for <c>results/runs/STAMP-seed-bench-load</c>.</param>
public sealed record BulkLoadSettings(long Trades, long Seed, int Repeat, int? ChunkRows, bool Keep, string? ResultsDirectory);
