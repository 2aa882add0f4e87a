namespace Telemetry.Data.Queries;

/// <summary>Where each live table holds its rows from, once retention has moved or deleted older ones; null for a table it never has.</summary>
/// <param name="Trades">Raw trades (archived past their retention): what ranges of 90 days or less are answered from.</param>
/// <param name="Metrics">Metric windows, by their start (archived past their retention): what metrics and wider trade ranges are answered from.</param>
/// <param name="Health">Health samples (deleted past their retention).</param>
/// <remarks>An answer read from a table must not reach before its instant, or it comes back partial without saying so (<see cref="QueryRules.EnsureTradesKept"/> and its siblings).</remarks>
public sealed record KeptFrom(DateTime? Trades, DateTime? Metrics, DateTime? Health)
{
    /// <summary>Every table still holds every row it was given: retention never ran.</summary>
    public static KeptFrom Everything { get; } = new(null, null, null);
}
