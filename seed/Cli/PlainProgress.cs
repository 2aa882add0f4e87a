using System.Diagnostics;

namespace Perf.Seed.Cli;

/// <summary>Progress as plain lines (redirected output, CI): one per phase and at most one every few seconds within a phase.</summary>
internal sealed class PlainProgress(TextWriter output) : IProgress<SeedProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Lock gate = new();
    private readonly Stopwatch sincePhase = new();
    private (SeedPhase Phase, string Database) current;
    private TimeSpan lastLine;

    /// <inheritdoc />
    public void Report(SeedProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            var key = (value.Phase, value.Database);
            var changed = key != current;
            if (changed)
            {
                current = key;
                sincePhase.Restart();
                lastLine = TimeSpan.Zero;
            }

            var elapsed = sincePhase.Elapsed;
            var finished = value.Total > 0 && value.Done >= value.Total;
            if (!changed && !finished && elapsed - lastLine < Interval)
            {
                return;
            }

            lastLine = elapsed;
            output.WriteLine(ProgressText.Line(value, elapsed));
        }
    }
}
