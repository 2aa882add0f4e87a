namespace Perf.Bench.Capacity;

/// <summary>The load runner's capacity search settings: open-model steps from <see cref="StartRate"/> by <see cref="Step"/> up to <see cref="MaxRate"/>.</summary>
internal sealed record CapacitySearch(double StartRate, double Step, double MaxRate, TimeSpan StepDuration);
