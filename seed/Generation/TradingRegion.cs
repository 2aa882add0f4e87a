namespace Perf.Seed.Generation;

/// <summary>Where a profile's scripts run: the region of their broker gateway and how far it is from the exchange.</summary>
/// <param name="Name">The region, as health messages name it.</param>
/// <param name="LatencyFactor">Loop latency relative to scripts running next to the exchange.</param>
internal sealed record TradingRegion(string Name, double LatencyFactor)
{
    /// <summary>The regions.</summary>
    public static TradingRegion[] All { get; } =
        [new("us-east-1", 1.0), new("us-west-2", 1.6), new("eu-west-1", 2.4), new("ap-southeast-1", 4.0)];

    /// <summary>The share of profiles in each region of <see cref="All"/> (most trade US equities from near the exchange).</summary>
    public static float[] Shares { get; } = [0.55f, 0.15f, 0.2f, 0.1f];
}
