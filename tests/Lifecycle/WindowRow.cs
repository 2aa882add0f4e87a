namespace Perf.Tests.Lifecycle;

/// <summary>One aggregate window as compared between a rollup and a direct aggregation.</summary>
public sealed record WindowRow(
    int ProfileId, string WindowType, DateTime WindowStart, long SampleCount, decimal ValueSum, decimal ValueMin, decimal ValueMax, long PositiveCount, long NegativeCount);
