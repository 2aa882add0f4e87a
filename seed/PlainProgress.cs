using System.Diagnostics;

namespace Perf.Seed;

/// <summary>Progress as plain lines (redirected output, CI): one when a phase starts and at most one every few seconds within it.</summary>
/// <remarks>Phases of different databases may run side by side; each keeps its own clock, as does each count in other units within a phase (a check's aggregations, then its tables).</remarks>
public sealed class PlainProgress(TextWriter output) : IProgress<SeedProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Lock gate = new();
    private readonly Dictionary<(SeedPhase Phase, string Database, string Unit), (Stopwatch SincePhase, long DoneAtStart, TimeSpan LastLine)> phases = [];

    /// <inheritdoc />
    public void Report(SeedProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            var key = (value.Phase, value.Database, value.Unit);
            var started = !phases.TryGetValue(key, out var phase);
            if (started)
            {
                // A resumed load starts at the rows an earlier run committed: the rate counts only this run's.
                phase = (Stopwatch.StartNew(), value.Done, TimeSpan.Zero);
            }

            var elapsed = phase.SincePhase.Elapsed;
            var finished = value.Total > 0 && value.Done >= value.Total;
            if (!started && !finished && elapsed - phase.LastLine < Interval)
            {
                return;
            }

            phases[key] = phase with { LastLine = elapsed };
            output.WriteLine(ProgressText.Line(value, elapsed, phase.DoneAtStart));
        }
    }
}
