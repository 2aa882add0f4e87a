using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Perf.Seed.Cli;

/// <summary>A progress column showing the task's speed as rows per second.</summary>
internal sealed class RowsPerSecondColumn : ProgressColumn
{
    /// <summary>The task state key saying whether the task counts rows (rolling up counts months).</summary>
    public const string CountsRowsKey = "counts-rows";

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Speed is { } speed && !task.IsIndeterminate && task.State.Get<bool>(CountsRowsKey)
            ? new Text(string.Create(CultureInfo.InvariantCulture, $"{speed:N0} rows/s"))
            : new Text(string.Empty);
    }
}
