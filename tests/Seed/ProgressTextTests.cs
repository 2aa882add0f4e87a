using Perf.Seed;

namespace Perf.Tests.Seed;

public sealed class ProgressTextTests
{
    [Fact]
    public void Line_ResumedLoad_RateAndEtaCountOnlyTheRowsOfThisRun()
    {
        // A resumed load's first report already counts the 900,000 rows an earlier run committed.
        var progress = new SeedProgress(SeedPhase.Loading, "telemetry_basic", 910_000, 1_000_000, "rows", null);

        var line = ProgressText.Line(progress, TimeSpan.FromSeconds(1), doneAtStart: 900_000);

        Assert.EndsWith("910,000/1,000,000 rows (91%), 10,000 rows/s, ETA 00:00:09", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_EtaOverADay_ShowsEveryHour()
    {
        var progress = new SeedProgress(SeedPhase.Copying, "telemetry_partitioned", 1_000, 1_000_000, "rows", null);

        var line = ProgressText.Line(progress, TimeSpan.FromSeconds(100), doneAtStart: 0);

        // 10 rows/s, 999,000 rows to go: 99,900 s.
        Assert.EndsWith("10 rows/s, ETA 27:45:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_TablesStillToCome_NoPercentOrEta()
    {
        // The copy counts each table once it starts on it: at 1,000 of 1,000 rows the metrics have not joined yet.
        var progress = new SeedProgress(SeedPhase.Copying, "telemetry_partitioned", 1_000, 1_000, "rows", null, TablesToCome: 1);

        var line = ProgressText.Line(progress, TimeSpan.FromSeconds(10), doneAtStart: 0);

        Assert.EndsWith("1,000/1,000 rows (so far, 1 more table to come), 100 rows/s, ETA --:--:--", line, StringComparison.Ordinal);
    }
}
