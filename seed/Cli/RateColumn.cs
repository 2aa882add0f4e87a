using Spectre.Console;
using Spectre.Console.Rendering;

namespace Perf.Seed.Cli;

/// <summary>A progress column showing the task's speed in what it counts (<see cref="SeedProgress.Unit"/>), as <see cref="ProgressText.Rate"/> writes it.</summary>
internal sealed class RateColumn : ProgressColumn
{
    /// <summary>The task state key holding what the task counts.</summary>
    public const string UnitKey = "unit";

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Speed is { } speed && !task.IsIndeterminate && task.State.Get<CountedUnit>(UnitKey).Name is { } unit
            ? new Text(ProgressText.Rate(speed, unit))
            : new Text(string.Empty);
    }

    /// <summary>What a task counts, as task state holds it (values only).</summary>
    /// <param name="Name">The unit, null when the task has none.</param>
    internal readonly record struct CountedUnit(string? Name);
}
