using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Perf.Seed.Cli;

/// <summary>A progress column showing the task's speed in what it counts: rows/s, or MiB/s while table files are copied.</summary>
internal sealed class RateColumn : ProgressColumn
{
    /// <summary>The task state key saying whether the task counts rows.</summary>
    public const string CountsRowsKey = "counts-rows";

    /// <summary>The task state key saying whether the task counts MiB (table files copied).</summary>
    public const string CountsMebibytesKey = "counts-mib";

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var unit = task.State.Get<bool>(CountsRowsKey) ? "rows" : task.State.Get<bool>(CountsMebibytesKey) ? "MiB" : null;
        return task.Speed is { } speed && !task.IsIndeterminate && unit is not null
            ? new Text(string.Create(CultureInfo.InvariantCulture, $"{speed:N0} {unit}/s"))
            : new Text(string.Empty);
    }
}
