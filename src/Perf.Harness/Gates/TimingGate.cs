using Perf.Harness.Results;

namespace Perf.Harness.Gates;

/// <summary>Turns a baseline and a run into gate checks: the environment check, then one check per benchmark.</summary>
public static class TimingGate
{
    /// <summary>The suite name of the timing checks.</summary>
    public const string Suite = "timings";

    /// <summary>Compares the environments (refusing a different machine or server unless <paramref name="allowDifferentEnvironment"/>), then each benchmark.</summary>
    public static (IReadOnlyList<GateCheck> Checks, IReadOnlyList<TimingComparison> Comparisons) Evaluate(
        RunManifest baselineManifest,
        IReadOnlyList<BenchmarkTiming> baseline,
        RunManifest currentManifest,
        IReadOnlyList<BenchmarkTiming> current,
        TimingGateOptions options,
        bool allowDifferentEnvironment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new List<GateCheck>();
        var differences = EnvironmentComparer.Differences(baselineManifest, currentManifest);
        var comparable = differences.Count == 0 || allowDifferentEnvironment;
        checks.Add(new GateCheck(
            GateReport.EnvironmentSuite,
            "same machine and server as the baseline",
            differences.Count == 0 || allowDifferentEnvironment ? GateOutcome.Passed : GateOutcome.Failed,
            differences.Count == 0
                ? "same CPU, cores, memory, OS, .NET and server"
                : (allowDifferentEnvironment ? "compared anyway (--allow-different-environment): " : "refusing to compare timings from different environments (pass --allow-different-environment to override): ")
                    + string.Join("; ", differences)));
        if (!comparable)
        {
            checks.AddRange(baseline.Select(b => new GateCheck(Suite, b.Name, GateOutcome.Skipped, "not compared: different environment")));
            return (checks, []);
        }

        var comparisons = TimingComparer.CompareAll(baseline, current, options);
        checks.AddRange(ToChecks(comparisons));
        return (checks, comparisons);
    }

    /// <summary>One check per comparison: slower or missing fails.</summary>
    public static IEnumerable<GateCheck> ToChecks(IEnumerable<TimingComparison> comparisons) =>
        comparisons.Select(c => new GateCheck(Suite, c.Name, c.Verdict is TimingVerdict.Slower or TimingVerdict.Missing ? GateOutcome.Failed : GateOutcome.Passed, $"{c.Verdict}: {c.Reason}"));

    /// <summary>Keeps a <see cref="TimingVerdict.Slower"/> only when the confirmation run (which re-measured the suspects) finds it slower too.</summary>
    /// <remarks>A contention spike on a shared machine rarely hits the same benchmark twice; a real regression always does.</remarks>
    public static IReadOnlyList<TimingComparison> Confirm(IReadOnlyList<TimingComparison> first, IReadOnlyList<TimingComparison> confirmation)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(confirmation);
        var again = confirmation.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. first.Select(c => c.Verdict != TimingVerdict.Slower
            ? c
            : again.TryGetValue(c.Name, out var second) && second.Verdict == TimingVerdict.Slower
                ? c with { Reason = $"{c.Reason}; confirmed by a second run: {second.Reason}" }
                : c with { Verdict = TimingVerdict.Unchanged, Reason = $"not confirmed: the first run found it {c.Reason}; the confirmation run found {(second is null ? "no measurement" : second.Verdict.ToString().ToLowerInvariant() + ": " + second.Reason)}" })];
    }
}
