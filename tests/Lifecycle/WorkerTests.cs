using System.Globalization;
using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;
using Telemetry.Jobs;

namespace Perf.Tests.Lifecycle;

public sealed class WorkerTests(DatabaseServerFixture fixture)
{
    /// <summary>A valid cron whose next time is further off than Task.Delay waits stopped the worker with ArgumentOutOfRangeException, its stack trace and exit 0.</summary>
    [Fact]
    public async Task Worker_ScheduleMonthsAway_WaitsInsteadOfStopping()
    {
        var ct = TestContext.Current.CancellationToken;
        // The first of the month six months ahead: 150 days or more, past Task.Delay's 49.7.
        var month = ((DateTime.UtcNow.Month + 5) % 12) + 1;
        var arguments = new List<string> { "worker", "--mysql", "Server=127.0.0.1;Port=1;User ID=x;Password=y", "--schedule", string.Create(CultureInfo.InvariantCulture, $"analyze=0 0 1 {month} *") };
        foreach (var job in new[] { "rollup-hourly", "rollup-daily", "archive", "maintain-partitions", "monitor", "watch-slow-queries", "warm-cache" })
        {
            arguments.AddRange(["--schedule", job + "=off"]);
        }

        var parsed = JobsCommandLine.Parse(arguments, _ => null);
        await using var dataSource = new MySqlConnector.MySqlDataSource(parsed.ConnectionString);
        using var http = new HttpClient();
        var runner = new JobRunner(dataSource, http, parsed, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TextWriter.Null);
        using var worker = new LifecycleWorker(runner, parsed, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<LifecycleWorker>.Instance);

        await worker.StartAsync(ct);
        await Task.Delay(500, ct);

        Assert.False(worker.ExecuteTask!.IsCompleted, worker.ExecuteTask.Exception?.GetBaseException().Message);
        await worker.StopAsync(ct);
    }

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
