namespace Perf.Load.Execution;

/// <summary>Receives live progress of a run.</summary>
internal interface ILoadProgress
{
    /// <summary>Called once per second while the run goes on.</summary>
    void Report(ProgressTick tick);
}
