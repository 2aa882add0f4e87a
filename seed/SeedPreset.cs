namespace Perf.Seed;

/// <summary>A named scale: profiles, days of history, trades and health cadence.</summary>
public sealed record SeedPreset(string Name, int Profiles, int Days, long Trades, int HealthIntervalMinutes)
{
    /// <summary>About 1M trades over a year of 100 profiles: the default, seeds in about a minute.</summary>
    public static SeedPreset Small { get; } = new("small", 100, 365, 1_000_000, 60);

    /// <summary>About 10M trades over two years of 200 profiles.</summary>
    public static SeedPreset Medium { get; } = new("medium", 200, 730, 10_000_000, 60);

    /// <summary>About 50M trades over three years of 500 profiles.</summary>
    public static SeedPreset Large { get; } = new("large", 500, 1095, 50_000_000, 60);

    /// <summary>Every preset.</summary>
    public static IReadOnlyList<SeedPreset> All { get; } = [Small, Medium, Large];

    /// <summary>Finds a preset by name, case-insensitive.</summary>
    public static SeedPreset? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
