using Perf.Harness.Provisioning;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>Seeds the bench datasets through the seeder library.</summary>
public static class BenchSeeding
{
    /// <summary>Seeds or reuses the dataset of <paramref name="options"/>.</summary>
    public static Task<PreparedDataset> SeedAsync(ProvisionedServer server, BenchOptions options, IReadOnlyDictionary<SchemaVariant, string> databases, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The seeder is not merged yet; pass --no-seed.");
}
