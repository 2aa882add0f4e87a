using System.Diagnostics;

namespace Perf.Seed;

/// <summary>A seed run's progress reports and the timeline of its phases, from one clock.</summary>
/// <remarks>The run's parts report side by side (a copy beside the metrics' load): every method may be called from any thread.</remarks>
internal sealed class SeedTimeline(IProgress<SeedProgress>? progress)
{
    private readonly Stopwatch clock = new();
    private readonly Lock phasesGate = new();
    private readonly List<PhaseTiming> phases = [];

    /// <summary>Seconds since <see cref="Start"/>.</summary>
    public double Seconds => clock.Elapsed.TotalSeconds;

    /// <summary>Starts the clock the phases are timed by.</summary>
    public void Start() => clock.Start();

    /// <summary>Reports a phase's progress (<paramref name="done"/> of <paramref name="total"/>, 0 when unknown) and extends its span in the timeline.</summary>
    public void Report(SeedPhase phase, string database, long done, long total, string? detail, string unit = "rows")
    {
        Track(phase, database, done, unit);
        progress?.Report(new SeedProgress(phase, database, done, total, unit, detail));
    }

    /// <summary>Reports the progress of a phase that works on several tables side by side (<see cref="TableProgress"/>).</summary>
    public void Report(SeedPhase phase, string database, (long Done, long Total, int TablesToCome) count, string? detail)
    {
        Track(phase, database, count.Done, "rows");
        progress?.Report(new SeedProgress(phase, database, count.Done, count.Total, "rows", detail, count.TablesToCome));
    }

    /// <summary>Starts a phase in the timeline (<see cref="Phases"/>) without a progress report.</summary>
    public void Begin(SeedPhase phase, string database) => Track(phase, database, 0, "rows");

    /// <summary>The phases so far: each ends at its own last report, or where its database's next phase began (preparing: where any began).</summary>
    public List<PhaseTiming> Phases()
    {
        lock (phasesGate)
        {
            var timeline = new List<PhaseTiming>();
            for (var i = 0; i < phases.Count; i++)
            {
                var phase = phases[i];
                if (phase.Phase == SeedPhase.Done)
                {
                    continue;
                }

                var next = phases.Skip(i + 1).FirstOrDefault(n => n.Phase != SeedPhase.Done && (n.Database == phase.Database || phase.Phase == SeedPhase.Preparing));
                timeline.Add(next is null ? phase : phase with { EndSeconds = Math.Max(phase.EndSeconds, next.StartSeconds) });
            }

            return timeline;
        }
    }

    private void Track(SeedPhase phase, string database, long done, string unit)
    {
        var now = clock.Elapsed.TotalSeconds;
        lock (phasesGate)
        {
            // A database's phases may overlap (its first tables are indexed while the metrics load): each is its own span.
            var index = phases.FindLastIndex(p => p.Database == database && p.Phase == phase);
            if (index < 0)
            {
                phases.Add(new PhaseTiming(phase, database, now, now, 0));
            }
            else
            {
                phases[index] = phases[index] with { EndSeconds = now, Rows = unit == "rows" ? done : 0 };
            }
        }
    }
}
