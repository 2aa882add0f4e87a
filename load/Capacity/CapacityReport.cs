using System.Globalization;
using System.Text;

namespace Perf.Load.Capacity;

/// <summary>Renders a capacity search as Markdown.</summary>
internal static class CapacityReport
{
    public static string Render(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append(inv, $"## Capacity search {(result.Configuration.Label is null ? string.Empty : "— " + result.Configuration.Label)}\n\n");
        md.Append(inv, $"- Target `{result.Configuration.Target}`, scenarios `{result.Configuration.Scenarios}`, thresholds `{string.Join("`, `", result.Configuration.Thresholds)}`\n");
        md.Append(inv, $"- **Highest rate meeting every threshold with a valid generator: {(result.MaxPassingRate is { } max ? max.ToString("0.##", inv) + " requests/s" : "none")}**");
        md.Append(result.FirstFailingRate is { } fail
            ? string.Create(inv, $" (first failing step: {fail:0.##}/s)\n\n")
            : result.ReachedMaxRate ? " — no step failed up to `--max-rate`, so the capacity is at least this; raise `--max-rate` to find it\n\n" : "\n\n");
        md.Append("| rate | verdict | achieved | p95 ms | p99 ms | errors | dispatch-lag p99 ms | why |\n|---:|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var s in result.Steps)
        {
            md.Append(inv, $"| {s.Rate:0.##} | {s.Verdict.ToString().ToUpperInvariant()} | {s.AchievedRate:0.##} | {s.P95Ms:0.##} | {s.P99Ms:0.##} | {s.FailedRate:0.###%} | {s.DispatchLagP99Ms:0.###} | {string.Join("; ", s.FailedThresholds)} |\n");
        }

        return md.ToString();
    }
}
