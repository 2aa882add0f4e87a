using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>The retention periods of the three live tables; the defaults are the optimization strategy's.</summary>
/// <param name="Trades">Raw trades: archived after this (default 365 days).</param>
/// <param name="Metrics">Aggregated metrics: archived after this (default 730 days).</param>
/// <param name="Health">System health: deleted after this (default 90 days).</param>
public sealed record RetentionPolicy(RetentionPeriod Trades, RetentionPeriod Metrics, RetentionPeriod Health)
{
    /// <summary>365 days of trades, 730 of metrics, 90 of health.</summary>
    /// <remarks>
    /// The strategy's code counts its year as <c>timedelta(days=365)</c> (and health as <c>timedelta(days=90)</c>), so the
    /// cutoffs are whole days, not calendar years; its "keep 2 years" of metrics has no code and is counted the same way.
    /// </remarks>
    public static RetentionPolicy Default { get; } = new(
        new RetentionPeriod(365, RetentionUnit.Days),
        new RetentionPeriod(730, RetentionUnit.Days),
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
