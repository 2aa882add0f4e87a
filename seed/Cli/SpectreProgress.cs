using Spectre.Console;

namespace Perf.Seed.Cli;

/// <summary>Progress as Spectre.Console bars (one per phase, database and unit counted) with the rate and ETA.</summary>
/// <remarks>Variants are finished side by side: a bar ends at its total, or (one with no count) when its database moves to its next phase, or at the end.</remarks>
internal sealed class SpectreProgress(ProgressContext context) : IProgress<SeedProgress>
{
    private readonly Lock gate = new();
    private readonly Dictionary<(SeedPhase, string, string), ProgressTask> tasks = [];
    private readonly Dictionary<string, ProgressTask> current = [];

    /// <inheritdoc />
    public void Report(SeedProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            if (value.Phase == SeedPhase.Done)
            {
                foreach (var open in tasks.Values)
                {
                    Finish(open);
                }

                return;
            }

            var key = (value.Phase, value.Database, value.Unit);
            if (!tasks.TryGetValue(key, out var task))
            {
                // A phase with no count of its own ends where its database's next begins; one that counts ends at its total
                // (a database's phases may overlap: its first tables are indexed while its metrics load).
                if (current.GetValueOrDefault(value.Database) is { IsIndeterminate: true } previous)
                {
                    Finish(previous);
                }

                task = context.AddTask(Markup.Escape(ProgressText.Title(value with { Detail = null })), autoStart: true, maxValue: Math.Max(1, value.Total));
                task.IsIndeterminate = value.Total <= 0;
                task.State.Update<RateColumn.CountedUnit>(RateColumn.UnitKey, _ => new(value.Unit));
                tasks[key] = task;
            }

            current[value.Database] = task;
            task.State.Update<int>(EtaColumn.TablesToComeKey, _ => value.TablesToCome);
            task.Description = Markup.Escape(ProgressText.Title(value with { Detail = null }) + (value.TablesToCome > 0 ? $" ({ProgressText.TablesToCome(value.TablesToCome)})" : string.Empty));
            if (value.Total > 0)
            {
                task.IsIndeterminate = false;
                task.MaxValue = value.Total;
                task.Value = value.Done;
            }
        }
    }

    private static void Finish(ProgressTask? task)
    {
        if (task is { IsFinished: false })
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
