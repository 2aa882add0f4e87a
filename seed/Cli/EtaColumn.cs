using Spectre.Console;
using Spectre.Console.Rendering;

namespace Perf.Seed.Cli;

/// <summary>A progress column showing the time left, as <see cref="ProgressText.Eta"/> writes it; none while tables are still to join the task's total.</summary>
internal sealed class EtaColumn : ProgressColumn
{
    /// <summary>The task state key holding how many tables are still to join its total (<see cref="SeedProgress.TablesToCome"/>).</summary>
    public const string TablesToComeKey = "tables-to-come";

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var known = !task.IsIndeterminate && !task.IsFinished && task.State.Get<int>(TablesToComeKey) == 0;
        return new Text(task.IsFinished ? string.Empty : ProgressText.Eta(known ? task.RemainingTime : null), Style.Plain);
    }
}
