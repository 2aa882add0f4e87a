using Perf.Load.Measurement;

namespace Perf.Load.Reports;

/// <summary>What the report writer needs: the summary plus the histograms behind it.</summary>
/// <param name="Summary">The run's summary.</param>
/// <param name="Total">Whole-run histograms.</param>
/// <param name="Endpoints">Per-endpoint histograms.</param>
/// <param name="Intervals">Per-interval histograms for the interval log.</param>
internal sealed record ReportInput(RunSummary Summary, StatsSnapshot Total, IReadOnlyList<StatsSnapshot> Endpoints, IReadOnlyList<IntervalSnapshot> Intervals);
