using System.Globalization;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Lifecycle;

/// <summary>kill -9 the real archival process at random moments: every row stays exactly once, and a rerun finishes.</summary>
public sealed class RetentionKillTests(DatabaseServerFixture fixture)
{
    private const int Kills = 5;

    [Theory]
    [InlineData(SchemaVariant.Composite)]
    [InlineData(SchemaVariant.Partitioned)]
    public async Task Archive_KilledAtRandomPoints_EveryRowOnceAndRerunCompletes(SchemaVariant variant)
    {
        await using var db = await LifecycleDatabase.CreateAsync(fixture, variant);
        await db.FillAsync(3000);
        var trades = await db.FingerprintAsync(TelemetryTable.Trades);
        var metrics = await db.FingerprintAsync(TelemetryTable.Metrics);
        Assert.Equal(trades.Rows, trades.DistinctIds);
        string[] arguments =
        [
            "archive", "--now", LifecycleDatabase.Now.ToString("O", CultureInfo.InvariantCulture),
            "--trades-retention", "90d", "--metrics-retention", "60d", "--health-retention", "10d",
            "--chunk-size", "40", "--pause-ms", "15",
        ];

        if (variant == SchemaVariant.Partitioned)
        {
            // The narrowest window on purpose: right after the first EXCHANGE (live month into the stage), with a long
            // pause before the second, so the month's rows are in neither table when the process dies.
            var staged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var process = JobsProcess.Start([.. arguments, "--pause-ms", "500", "--verbose"], db.ConnectionString, line =>
            {
                if (line.Contains("exchanged into dd_trade_performance_stage", StringComparison.Ordinal))
                {
                    staged.TrySetResult();
                }
            });
            await Task.WhenAny(staged.Task, process.WaitForExitAsync(TestContext.Current.CancellationToken));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.True(await db.CountIfExistsAsync(Telemetry.Data.Lifecycle.StageTable.Trades) > 0, "The kill should leave a month in the stage table.");
            Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
        }

        // Seeded so a failure can be replayed; spread over startup, the exchanges and the row path.
        var random = new Random(variant == SchemaVariant.Partitioned ? 11 : 7);
        var killedWhileRunning = 0;
        var progress = new List<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            // Kill at the k-th progress event (a chunk, an exchange, a drop) plus jitter: lands inside the work, not in startup.
            var target = random.Next(1, 16);
            var jitter = random.Next(0, 25);
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var events = 0;
            using var process = JobsProcess.Start([.. arguments, "--verbose"], db.ConnectionString, line =>
            {
                if (line.Contains("Moved ", StringComparison.Ordinal) || line.Contains("exchanged partition", StringComparison.Ordinal) || line.Contains("dropped partition", StringComparison.Ordinal))
                {
                    if (Interlocked.Increment(ref events) == target)
                    {
                        reached.TrySetResult();
                    }
                }
            });
            var finished = process.WaitForExitAsync(TestContext.Current.CancellationToken);
            await Task.WhenAny(reached.Task, finished);
            await Task.Delay(jitter, TestContext.Current.CancellationToken);
            var exited = process.HasExited;
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                killedWhileRunning++;
            }

            var (archived, _) = await db.SplitAsync(TelemetryTable.TradesArchive, DateTime.MaxValue);
            var staged = await db.CountIfExistsAsync(Telemetry.Data.Lifecycle.StageTable.Trades);
            progress.Add($"kill {kill} at event {target}+{jitter} ms ({(exited ? "had exited" : "killed")}): {archived} archived, {staged} staged");
            TestContext.Current.TestOutputHelper?.WriteLine(progress[^1]);

            // Between kills a row may sit in the stage table, but never in two places and never lost.
            Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
            Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
        }

        Assert.True(killedWhileRunning >= 3, "Most kills should land while the archival runs: " + string.Join("; ", progress));
        var (exitCode, output, error) = await JobsProcess.RunAsync(arguments, db.ConnectionString);

        Assert.True(exitCode == 0, $"The rerun failed ({exitCode}): {error}\n{output}");
        Assert.Equal(trades, await db.FingerprintAsync(TelemetryTable.Trades));
        Assert.Equal(metrics, await db.FingerprintAsync(TelemetryTable.Metrics));
        var cutoff = LifecycleDatabase.TestPolicy.Trades.CutoffBefore(LifecycleDatabase.Now);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Trades, cutoff)).Before);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.TradesArchive, cutoff)).AtOrAfter);
        var metricCutoff = LifecycleDatabase.TestPolicy.Metrics.CutoffBefore(LifecycleDatabase.Now);
        Assert.Equal(0, (await db.SplitAsync(TelemetryTable.Metrics, metricCutoff)).Before);
    }
}
