using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>The retention periods of the three live tables; the defaults are the optimization strategy's.</summary>
/// <param name="Trades">Raw trades: archived after this (default one year).</param>
/// <param name="Metrics">Aggregated metrics: archived after this (default two years).</param>
/// <param name="Health">System health: deleted after this (default 90 days).</param>
public sealed record RetentionPolicy(RetentionPeriod Trades, RetentionPeriod Metrics, RetentionPeriod Health)
{
    /// <summary>One year of trades, two years of metrics, 90 days of health.</summary>
    public static RetentionPolicy Default { get; } = new(
        new RetentionPeriod(1, RetentionUnit.Years),
        new RetentionPeriod(2, RetentionUnit.Years),
        new RetentionPeriod(90, RetentionUnit.Days));

    /// <summary>The rules in the order retention runs them.</summary>
    public IReadOnlyList<RetentionRule> Rules =>
    [
        new(TelemetryTable.Trades, Trades),
        new(TelemetryTable.Metrics, Metrics),
        new(TelemetryTable.Health, Health),
    ];

    /// <summary>Builds a policy from texts such as <c>1y</c>; a null text keeps the default.</summary>
    /// <exception cref="FormatException">A period is invalid; the message names which one.</exception>
    public static RetentionPolicy Parse(string? trades, string? metrics, string? health) => new(
        ParseOne("trades", trades, Default.Trades),
        ParseOne("metrics", metrics, Default.Metrics),
        ParseOne("health", health, Default.Health));

    private static RetentionPeriod ParseOne(string what, string? text, RetentionPeriod fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        return RetentionPeriod.TryParse(text, out var period, out var error)
            ? period
            : throw new FormatException($"Invalid {what} retention: {error}");
    }
}
