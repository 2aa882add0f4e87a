using System.Globalization;
using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

public sealed class WorkerTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task Worker_SecondsSchedule_RunsJobsOnCron()
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, SchemaVariant.Composite);
        await db.FillAsync(200);
        string[] off = ["rollup-daily", "archive", "maintain-partitions", "analyze", "monitor", "watch-slow-queries", "warm-cache"];
        var arguments = new List<string> { "worker", "--schedule", "rollup-hourly=*/1 * * * * *" };
        foreach (var job in off)
        {
            arguments.AddRange(["--schedule", job + "=off"]);
        }

        var finishedRuns = 0;
        using var process = JobsProcess.Start(arguments, db.ConnectionString, line =>
        {
            if (line.Contains("rollup-hourly finished", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref finishedRuns);
            }
        });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref finishedRuns) < 2 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(finishedRuns >= 2, string.Create(CultureInfo.InvariantCulture, $"The worker finished {finishedRuns} scheduled rollups in 30 s."));
        await using var connection = await db.OpenAsync();
        Assert.Equal(200, await connection.ExecuteScalarAsync<long>("SELECT seen_id FROM dd_rollup_watermark WHERE `source` = 'trades'"));
    }
}
