using System.Globalization;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>Seeds the bench datasets through the seeder library, pinned to a fixed end date so every run on a scale measures the same rows.</summary>
public static class BenchSeeding
{
    /// <summary>The day after the last day of every bench dataset (the seeder's default is today, which changes the data daily).</summary>
    public static readonly DateOnly End = new(2026, 1, 1);

    /// <summary>The gate's dataset: small enough to seed in CI in well under a minute, big enough for the optimizer to prefer indexes.</summary>
    public static SeedOptions GateOptions { get; } = new()
    {
        Scale = "gate",
        Profiles = 40,
        From = End.AddDays(-180),
        To = End,
        Trades = 200_000,
        Symbols = 200,
        HealthIntervalMinutes = 60,
    };

    /// <summary>Seeds or reuses the dataset of <paramref name="options"/> (the gate's for the gate, else the <c>--scale</c> preset).</summary>
    /// <exception cref="ArgumentException">The scale is not a seed preset.</exception>
    public static async Task<PreparedDataset> SeedAsync(ProvisionedServer server, BenchOptions options, IReadOnlyDictionary<SchemaVariant, string> databases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var seedOptions = options.Command == BenchCommand.Gate
            ? GateOptions
            : SeedOptions.FromPreset(
                SeedPreset.Find(options.Scale) ?? throw new ArgumentException(
                    $"--scale must be one of {string.Join(", ", SeedPreset.All.Select(p => p.Name))}, not '{options.Scale}'.", nameof(options)),
                End);
        if (options.Trades is { } trades && options.Command != BenchCommand.Gate)
        {
            seedOptions = seedOptions with { Trades = trades, Scale = string.Create(CultureInfo.InvariantCulture, $"{seedOptions.Scale}-{trades}") };
        }

        seedOptions = seedOptions with { DatabasePrefix = options.Prefix, Mode = SeedMode.Replace };

        // Replace keeps a matching dataset as it is, so a second run seeds nothing.
        var result = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: seed: {string.Join(", ", result.Variants.Select(v => $"{v.Variant} {v.Action}"))} in {result.Seconds:F1} s"));
        return new PreparedDataset(databases, new DatasetInfo(result.Seed, result.Scale, result.RowCounts, result.Checksum));
    }
}
