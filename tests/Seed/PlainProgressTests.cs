using Perf.Seed;

namespace Perf.Tests.Seed;

public sealed class PlainProgressTests
{
    [Fact]
    public void Report_SecondCountInOtherUnitsWithinAPhase_StartsItsOwnLineAndClock()
    {
        using var output = new StringWriter();
        var progress = new PlainProgress(output);

        // The source's check: the metrics against SQL (aggregations), then, at once, the tables' row counts.
        progress.Report(new SeedProgress(SeedPhase.Checking, "telemetry_basic", 0, 8, "aggregations", "metrics against SQL on a sample"));
        progress.Report(new SeedProgress(SeedPhase.Checking, "telemetry_basic", 7, 8, "aggregations", "metrics against SQL on a sample"));
        progress.Report(new SeedProgress(SeedPhase.Checking, "telemetry_basic", 1, 3, "tables", "row counts"));

        string[] lines = [.. output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("0/8 aggregations (0%), 0.0 aggregations/s, ETA --:--:--", lines[0], StringComparison.Ordinal);

        // Its rate counts from its own first report: the table it starts at is not one counted in no time.
        Assert.EndsWith("1/3 tables (33%), 0.0 tables/s, ETA --:--:--", lines[1], StringComparison.Ordinal);
    }
}
