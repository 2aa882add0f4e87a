using Spectre.Console;

namespace Perf.Seed.Cli;

/// <summary>Progress as Spectre.Console bars (one per phase and database) with rows/s and ETA.</summary>
internal sealed class SpectreProgress(ProgressContext context) : IProgress<SeedProgress>
{
    private readonly Lock gate = new();
    private readonly Dictionary<(SeedPhase, string), ProgressTask> tasks = [];
    private ProgressTask? last;

    /// <inheritdoc />
    public void Report(SeedProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            if (value.Phase == SeedPhase.Done)
            {
                Finish(last);
                return;
            }

            var key = (value.Phase, value.Database);
            if (!tasks.TryGetValue(key, out var task))
            {
                Finish(last);
                task = context.AddTask(Markup.Escape(ProgressText.Title(value with { Detail = null })), autoStart: true, maxValue: Math.Max(1, value.Total));
                task.IsIndeterminate = value.Total <= 0;
                task.State.Update<bool>(RowsPerSecondColumn.CountsRowsKey, _ => value.Unit == "rows");
                tasks[key] = task;
            }

            last = task;
            if (value.Total > 0)
            {
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
