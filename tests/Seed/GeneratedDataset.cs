using Perf.Seed.Generation;
using Telemetry.Data.Model;

namespace Perf.Tests.Seed;

/// <summary>Generates a whole dataset in memory, the way the seeder does chunk by chunk.</summary>
internal static class GeneratedDataset
{
    public static DatasetSpec Spec(long seed = 7, long trades = 20_000, int profiles = 12, int healthInterval = 60) =>
        new(seed, profiles, new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 1), trades, Symbols: 60, healthInterval);

    public static (List<Trade> Trades, List<HealthSample> Health, string Checksum) Generate(DatasetSpec spec, int chunkRows = 50_000, bool reverse = false)
    {
        var plan = DatasetPlan.Create(spec, chunkRows);
        var generator = new ChunkGenerator(plan, 0, 0);
        var chunks = plan.Chunks.ToList();
        if (reverse)
        {
            chunks.Reverse();
        }

        var generated = chunks.AsParallel().Select(c => generator.Generate(c)).ToList().OrderBy(c => c.Plan.Index).ToList();
        return (
            [.. generated.SelectMany(c => c.Trades)],
            [.. generated.SelectMany(c => c.Health)],
            RowDigest.Combine([.. generated.SelectMany(c => c.DayDigests)]));
    }
}
