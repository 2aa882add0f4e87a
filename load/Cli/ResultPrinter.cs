using System.Globalization;
using Perf.Load.Reports;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary>Prints a run's outcome to the console: PASS/FAIL per threshold, generator health, per-endpoint latency.</summary>
internal static class ResultPrinter
{
    /// <summary>Prints the summary and where the files went.</summary>
    public static void Print(IAnsiConsole console, RunSummary summary, string? directory)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(summary);
        var inv = CultureInfo.InvariantCulture;
        var groups = new Table().Title("latency (ms) from intended start; service = from actual start")
            .AddColumns("group", "count", "fail", "shed", "rps", "p50", "p90", "p95", "p99", "p99.9", "max", "svc p50", "svc p99", "status");
        foreach (var (label, g) in new[] { ("total", summary.Total) }
            .Concat(summary.Scenarios.Select(s => ("scenario " + s.Name, s)))
            .Concat(summary.Endpoints.Select(e => ("endpoint " + e.Name, e))))
        {
            var l = g.Latency;
            var (n, service) = (l.Samples > 0 ? l.Samples : g.Count, g.ServiceTime.Samples > 0 ? g.ServiceTime.Samples : g.Count);
            groups.AddRow(
                Markup.Escape(label),
                g.Count.ToString(inv),
                g.Failed.ToString(inv),
                g.Shed.ToString(inv),
                g.Rps.ToString("0.0", inv),
                LatencySummary.Cell(l.P50, n, 50, "0.###"),
                LatencySummary.Cell(l.P90, n, 90, "0.###"),
                LatencySummary.Cell(l.P95, n, 95, "0.###"),
                LatencySummary.Cell(l.P99, n, 99, "0.###"),
                LatencySummary.Cell(l.P999, n, 99.9, "0.###"),
                l.Max.ToString("0.###", inv),
                LatencySummary.Cell(g.ServiceTime.P50, service, 50, "0.###"),
                LatencySummary.Cell(g.ServiceTime.P99, service, 99, "0.###"),
                Markup.Escape(string.Join(" ", g.StatusCodes.Select(p => $"{p.Key}x{p.Value.ToString(inv)}"))));
        }

        console.Write(groups);
        var gen = summary.Generator;
        console.MarkupLine(string.Create(inv, $"generator: {(gen.Valid ? "[green]valid[/]" : "[red]INVALID[/]")}  target {gen.TargetRate:0.##}/s  achieved {gen.AchievedRate:0.##}/s  late {gen.LateSends}  dropped {gen.Dropped}  dispatch-lag p99 {gen.DispatchLagP99Ms:0.###} ms  send-lag p99 {gen.SendLagP99Ms:0.###} ms  peak in-flight {gen.PeakInFlight}"));
        foreach (var problem in gen.Problems)
        {
            console.MarkupLine("  [red]" + Markup.Escape(problem) + "[/]");
        }

        if (summary.Cache is { } cache)
        {
            console.MarkupLine(Markup.Escape(cache.Describe()));
        }

        if (summary.Outage is { } outage)
        {
            console.MarkupLine("fault: " + Markup.Escape(outage.Describe(summary.StartedUtc)));
        }

        if (summary.MergedTimeNote() is { } note)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(note) + "[/]");
        }

        foreach (var t in summary.Thresholds)
        {
            console.MarkupLine(string.Create(inv, $"[{(t.Passed ? "green" : t.Settled ? "red" : "yellow")}]{LoadReport.Word(t)}[/]  {Markup.Escape(t.Expression)}  ({Markup.Escape(t.Group)}: {Markup.Escape(t.ActualText)})"));
        }

        var color = summary.Verdict switch
        {
            Verdict.Pass => "green",
            Verdict.Fail => "red",
            _ => "yellow",
        };
        console.MarkupLine(string.Create(inv, $"[bold {color}]{LoadReport.Word(summary.Verdict)}[/] (exit code {summary.ExitCode})"));
        if (directory is not null)
        {
            console.MarkupLine("results: " + Markup.Escape(directory));
        }
    }
}
