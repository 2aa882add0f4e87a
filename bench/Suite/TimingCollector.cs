using BenchmarkDotNet.Reports;
using Perf.Bench.Benchmarks;
using Perf.Bench.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.Suite;

/// <summary>Maps BenchmarkDotNet reports back to query case names, so timings sit beside plans.</summary>
public static class TimingCollector
{
    /// <summary>One row per successful benchmark case, with its buffer pool pages when <paramref name="pages"/> counted them.</summary>
    internal static IReadOnlyList<TimingRow> Collect(IReadOnlyList<Summary> summaries, QueryContext context, BufferPoolDiagnoser? pages = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var rows = new List<TimingRow>();
        foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null))
        {
            var benchmark = report.BenchmarkCase;
            // Rebuild the scenario with the case's parameters to learn which query it ran.
            var instance = (QueryBenchmark)Activator.CreateInstance(benchmark.Descriptor.Type)!;
            foreach (var parameter in benchmark.Parameters.Items)
            {
                benchmark.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
            }

            var statistics = report.ResultStatistics!;
            rows.Add(new TimingRow(
                instance.CreateCase(context).Name,
                instance.Variant,
                statistics.Mean / 1e6,
                statistics.Percentiles.P95 / 1e6,
                statistics.N,
                report.GcStats.GetBytesAllocatedPerOperation(benchmark),
                pages?.For(report)));
        }

        return rows;
    }

    /// <summary>Mean time of a query on a variant, if measured.</summary>
    public static double? Mean(IReadOnlyList<TimingRow> rows, string query, SchemaVariant variant) =>
        rows.FirstOrDefault(r => r.Query == query && r.Variant == variant)?.MeanMs;
}
