using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using Perf.Analysis.Capacity;
using Perf.Harness.Provisioning;

namespace Perf.Bench.Suite;

/// <summary>
/// Reads the server's buffer pool counters when each benchmark's actual iterations begin and end (BenchmarkDotNet's host
/// signals), so the pages each call requested, and those read from disk, sit beside its time.
/// </summary>
/// <remarks>
/// BenchmarkDotNet waits while the host handles a signal, so the counters bracket the measured calls only; they are
/// server-wide, which on the harness's own otherwise idle server counts those calls and next to nothing else.
/// </remarks>
internal sealed class BufferPoolDiagnoser(BufferPoolCounters counters) : IDiagnoser
{
    private readonly Dictionary<BenchmarkCase, (long Requests, long Reads)> started = [];
    private readonly Dictionary<BenchmarkCase, (long Requests, long Reads)> counted = [];

    public IEnumerable<string> Ids => [nameof(BufferPoolDiagnoser)];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (signal is not (HostSignal.BeforeActualRun or HostSignal.AfterActualRun))
        {
            return;
        }

        // The signal handler is synchronous and the benchmark waits on it: blocking here costs the measured calls nothing.
        var now = counters.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        var benchmark = parameters.BenchmarkCase;
        if (signal == HostSignal.BeforeActualRun)
        {
            started[benchmark] = now;
            return;
        }

        // Several launches of one case add up.
        var before = started[benchmark];
        var sum = counted.GetValueOrDefault(benchmark);
        counted[benchmark] = (sum.Requests + (now.Requests - before.Requests), sum.Reads + (now.Reads - before.Reads));
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results) => [];

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    /// <summary>The case's page requests and disk reads over its actual iterations, per call made in them; null when it did not run.</summary>
    public PageCounts? For(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!counted.TryGetValue(report.BenchmarkCase, out var pages))
        {
            return null;
        }

        var calls = report.AllMeasurements.Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual).Sum(m => m.Operations);
        return PageCounts.Between((0, 0), pages, (int)Math.Min(int.MaxValue, calls));
    }
}
