namespace Perf.Harness.Gates;

/// <summary>One benchmark's timing from a BenchmarkDotNet run: its statistics and the raw per-operation measurements.</summary>
/// <param name="Name">The benchmark's full name (type, method, parameters).</param>
/// <param name="MeanNs">Mean nanoseconds per operation.</param>
/// <param name="MedianNs">Median nanoseconds per operation.</param>
/// <param name="CiLowerNs">Lower bound of BenchmarkDotNet's confidence interval of the mean (99.9 % by default).</param>
/// <param name="CiUpperNs">Upper bound of that interval.</param>
/// <param name="SamplesNs">The workload result iterations, nanoseconds per operation each.</param>
public sealed record BenchmarkTiming(string Name, double MeanNs, double MedianNs, double CiLowerNs, double CiUpperNs, IReadOnlyList<double> SamplesNs);
