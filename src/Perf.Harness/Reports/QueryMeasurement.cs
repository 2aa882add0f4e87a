namespace Perf.Harness.Reports;

/// <summary>One query's measured latency and plan on one schema variant at one dataset size.</summary>
/// <param name="Query">The query's name, e.g. <c>trades_30d</c>.</param>
/// <param name="P50Ms">Median latency in milliseconds.</param>
/// <param name="P95Ms">95th percentile latency in milliseconds.</param>
/// <param name="P99Ms">99th percentile latency in milliseconds.</param>
/// <param name="RowsExamined">Rows the server read to answer it (handler read deltas or <c>r_rows</c>), exact and repeatable.</param>
/// <param name="IndexesUsed">The indexes its plan used (empty for a full scan).</param>
/// <param name="PartitionsScanned">Partitions its plan touched, when the table is partitioned.</param>
public sealed record QueryMeasurement(
    string Query,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    long RowsExamined,
    IReadOnlyList<string> IndexesUsed,
    int? PartitionsScanned = null);
