using System.Diagnostics;
using Dapper;
using MySqlConnector;
using Perf.Harness.Provisioning;
using Perf.Seed;
using Perf.Seed.Cli;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Seed;

/// <summary>The seeder against a private local server that fails under it (killed with SIGKILL), and the rerun after it is back.</summary>
public sealed class SeedServerFaultTests : IDisposable
{
    private readonly ServerHome home = new("seedfaults");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => home.Dispose();

    /// <param name="phase">The phase the server is killed in.</param>
    /// <param name="importTablespaces">Whether composite is filled from basic's table files (copying is then the file copy) or by rows.</param>
    [Theory]
    [InlineData(SeedPhase.Loading, true)]
    [InlineData(SeedPhase.Copying, true)]
    [InlineData(SeedPhase.Copying, false)]
    [InlineData(SeedPhase.Indexing, true)]
    public async Task SeedAsync_ServerKilledMidPhase_RerunAfterRestartGivesExactRowsAndChecksum(SeedPhase phase, bool importTablespaces)
    {
        // Past the bulk segment, the rest goes in chunk by chunk: a kill while Loading (just after a chunk commits) leaves some chunks in.
        var options = Options() with { BulkSegmentRows = 10_000, ImportTablespaces = importTablespaces };
        var expected = GeneratedDataset.Generate(options.ToSpec());

        await using (var server = await StartAsync())
        {
            var pid = ReadState().Pid;
            var killed = 0;
            var progress = new CallbackProgress(p =>
            {
                if (p.Phase == phase && (phase != SeedPhase.Loading || p.Done > options.BulkSegmentRows) && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    using var mariadbd = Process.GetProcessById(pid);
                    mariadbd.Kill(); // SIGKILL: no shutdown, no flush
                    mariadbd.WaitForExit();
                }
            });

            var error = await Assert.ThrowsAnyAsync<Exception>(() => DatasetSeeder.SeedAsync(server, options, progress, Cancel));

            Assert.Equal(1, killed);
            var line = SeedProgram.FailureLine(error);
            Assert.True(line is not null, $"not reported as a failure: {error}");
            Assert.DoesNotContain('\n', line);
            Assert.StartsWith("seed: lost the connection to the server (", line, StringComparison.Ordinal);
        }

        await using var restarted = await StartAsync();
        var databases = new SeedDatabases(restarted, options.DatabasePrefix);
        if (phase == SeedPhase.Loading)
        {
            // Crash recovery keeps exactly the committed chunks: each chunk's rows with its catalog row, or neither.
            await using var connection = await databases.OpenAsync(SchemaVariant.Basic);
            Assert.Equal("loading", await connection.ExecuteScalarAsync<string>("SELECT state FROM perf_dataset"));
            var trades = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance");
            Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(trade_rows), 0) FROM perf_dataset_chunk"), trades);
            Assert.InRange(trades, 1, options.Trades - 1);
        }

        var result = await DatasetSeeder.SeedAsync(restarted, options, null, Cancel);

        // The source is resumed (or found complete), never loaded afresh.
        VariantAction[] rerun = phase == SeedPhase.Loading ? [VariantAction.Resumed] : [VariantAction.Resumed, VariantAction.Skipped];
        Assert.Contains(result.Variants[0].Action, rerun);
        Assert.Equal(expected.Checksum, result.Checksum);
        Assert.Equal(options.Trades, result.RowCounts[TelemetryTable.Trades.Name]);
        Assert.Equal(expected.Health.Count, result.RowCounts[TelemetryTable.Health.Name]);
        foreach (var variant in options.Variants)
        {
            Assert.Equal(expected.Trades, await databases.ReadTradesAsync(variant));
            Assert.Equal(expected.Health, await databases.ReadHealthAsync(variant));
            Assert.Equal(result.RowCounts[TelemetryTable.Metrics.Name], await databases.CountAsync(variant, TelemetryTable.Metrics));
            await using var connection = await databases.OpenAsync(variant);
            Assert.Equal(expected.Checksum, await connection.ExecuteScalarAsync<string>("SELECT checksum FROM perf_dataset WHERE state = 'complete'"));
        }
    }

    /// <param name="phase">The phase the disk fills in.</param>
    /// <param name="importTablespaces">Whether composite is filled from basic's table files (the seeder's own file writes fail) or by rows (the server's).</param>
    [Theory]
    [InlineData(SeedPhase.Loading, true)]
    [InlineData(SeedPhase.Copying, true)]
    [InlineData(SeedPhase.Copying, false)]
    public async Task SeedAsync_DiskFillsMidPhase_OneLineErrorAndRerunAfterFreeingCompletes(SeedPhase phase, bool importTablespaces)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            DatabaseServerFixture.SkipOrFail("a full disk is a small tmpfs under the server's data directory, and mounting one needs root on Linux");
        }

        var options = Options() with { BulkSegmentRows = 10_000, ImportTablespaces = importTablespaces };
        var expected = GeneratedDataset.Generate(options.ToSpec());
        Directory.CreateDirectory(home.Path);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=512m", "tmpfs", home.Path);
        try
        {
            await using var server = await StartAsync();
            var filler = Path.Combine(home.Path, "filler");

            var line = await FailingWhenFilledAsync(server, options, phase, filler);

            Assert.Contains("out of disk space in " + home.Path, line, StringComparison.Ordinal);

            File.Delete(filler);

            var result = await DatasetSeeder.SeedAsync(server, options, null, Cancel);

            VariantAction[] rerun = phase == SeedPhase.Loading ? [VariantAction.Resumed] : [VariantAction.Resumed, VariantAction.Skipped];
            Assert.Contains(result.Variants[0].Action, rerun);
            Assert.Equal(expected.Checksum, result.Checksum);
            var databases = new SeedDatabases(server, options.DatabasePrefix);
            foreach (var variant in options.Variants)
            {
                Assert.Equal(expected.Trades, await databases.ReadTradesAsync(variant));
                Assert.Equal(expected.Health, await databases.ReadHealthAsync(variant));
            }
        }
        finally
        {
            await MySqlConnection.ClearAllPoolsAsync(Cancel);
            await RunAsync("umount", home.Path);
        }
    }

    [Fact]
    public async Task SeedAsync_SpillFileSystemTooSmall_OneLineNamingItAndNothingWritten()
    {
        await InSmallFileSystemAsync("1m", async spill =>
        {
            var options = Options() with { SpillDirectory = spill };
            await using var server = await StartAsync();

            var error = await Assert.ThrowsAnyAsync<Exception>(() => DatasetSeeder.SeedAsync(server, options, null, Cancel));

            // Refused before anything is written: the spill's own file system, not the server's disk.
            var line = SeedProgram.FailureLine(error);
            Assert.True(line is not null, $"not reported as a failure: {error}");
            Assert.DoesNotContain('\n', line);
            Assert.StartsWith("seed: the metric windows' spill file needs about ", line, StringComparison.Ordinal);
            Assert.Contains($"in {spill}, but its file system ({spill}/) has ", line, StringComparison.Ordinal);
            await using var connection = new MySqlConnection(server.AdminConnectionString);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'fault%'"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(spill));
        });
    }

    [Fact]
    public async Task SeedAsync_SpillFileSystemFillsMidLoad_OneLineNamingTheSpillFileNotTheServer()
    {
        await InSmallFileSystemAsync("64m", async spill =>
        {
            var options = Options() with { SpillDirectory = spill, BulkSegmentRows = 10_000 };
            await using var server = await StartAsync();
            var filler = Path.Combine(spill, "filler");

            var line = await FailingWhenFilledAsync(server, options, SeedPhase.Loading, filler);

            Assert.StartsWith($"seed: could not write the metric windows' spill file {spill}/perf-seed-metrics-", line, StringComparison.Ordinal);
            Assert.DoesNotContain("the server ran out of disk space", line, StringComparison.Ordinal);
            Assert.Equal([filler], Directory.EnumerateFileSystemEntries(spill));
        });
    }

    [Fact]
    public async Task SeedAsync_ResumingAfterCommittedChunks_NeedsNoRoomForTheSpillFile()
    {
        await InSmallFileSystemAsync("1m", async spill =>
        {
            var options = Options() with { BulkSegmentRows = 10_000 };
            await using var server = await StartAsync();
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel))
            {
                var progress = new CallbackProgress(p =>
                {
                    if (p.Phase == SeedPhase.Loading && p.Done > options.BulkSegmentRows)
                    {
                        stop.Cancel();
                    }
                });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetSeeder.SeedAsync(server, options, progress, stop.Token));
            }

            // The rerun generates the chunks again for the windows instead of spilling them: the 1 MB that refuses a fresh
            // load's spill (SeedAsync_SpillFileSystemTooSmall_…) is room enough, and stays unwritten.
            var result = await DatasetSeeder.SeedAsync(server, options with { SpillDirectory = spill }, null, Cancel);

            Assert.Equal(VariantAction.Resumed, result.Variants[0].Action);
            Assert.Equal(GeneratedDataset.Generate(options.ToSpec()).Checksum, result.Checksum);
            Assert.Empty(Directory.EnumerateFileSystemEntries(spill));
        });
    }

    /// <summary>Seeds, filling the file system of <paramref name="filler"/> once <paramref name="phase"/> starts (past the bulk segment while loading); returns the one line the failure prints.</summary>
    private static async Task<string> FailingWhenFilledAsync(ProvisionedServer server, SeedOptions options, SeedPhase phase, string filler)
    {
        var filled = 0;
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == phase && (phase != SeedPhase.Loading || p.Done > options.BulkSegmentRows) && Interlocked.Exchange(ref filled, 1) == 0)
            {
                Fill(filler);
            }
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => DatasetSeeder.SeedAsync(server, options, progress, Cancel));

        Assert.Equal(1, filled);
        var line = SeedProgram.FailureLine(error);
        Assert.True(line is not null, $"not reported as a failure: {error}");
        Assert.DoesNotContain('\n', line);
        return line;
    }

    /// <summary>Runs <paramref name="test"/> with a tmpfs of <paramref name="size"/> mounted on a directory of its own (Linux, as root).</summary>
    private async Task InSmallFileSystemAsync(string size, Func<string, Task> test)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            DatabaseServerFixture.SkipOrFail("a small file system is a tmpfs, and mounting one needs root on Linux");
        }

        var directory = Path.Combine(Path.GetDirectoryName(home.Path)!, Path.GetFileName(home.Path) + "-spill");
        Directory.CreateDirectory(directory);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", directory);
        try
        {
            await test(directory);
        }
        finally
        {
            await MySqlConnection.ClearAllPoolsAsync(Cancel);
            await RunAsync("umount", directory);
            Directory.Delete(directory);
        }
    }

    /// <summary>Writes zeros to <paramref name="path"/> until the file system has no byte left.</summary>
    private static void Fill(string path)
    {
        var block = new byte[1 << 20];
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left on device: full, as intended.
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: {error}");
    }

    private static SeedOptions Options() => new()
    {
        Seed = 7,
        Scale = "test",
        Profiles = 12,
        From = new DateOnly(2024, 1, 1),
        To = new DateOnly(2024, 4, 1),
        Trades = 40_000,
        Symbols = 60,
        HealthIntervalMinutes = 60,
        Variants = [SchemaVariant.Basic, SchemaVariant.Composite],
        DatabasePrefix = "fault",
        ChunkRows = 5_000,
    };

    /// <summary>Starts (or, after a kill, restarts with crash recovery) the private server on this test's data directory.</summary>
    private async Task<ProvisionedServer> StartAsync()
    {
        var binary = ExecutableLocator.Find(ExecutableLocator.ServerNames);
        if (binary is null)
        {
            DatabaseServerFixture.SkipOrFail("mariadbd/mysqld is not installed (apt-get install mariadb-server)");
        }

        // A pool holding connections to the killed server would hand them to the rerun.
        await MySqlConnection.ClearAllPoolsAsync(Cancel);
        var options = new ProvisioningOptions { DataDirectory = home.Path, BufferPoolSize = "64M", RedoLogSize = "48M" };
        var environment = new ProvisioningEnvironment(_ => null, (_, _) => Task.FromResult(new DockerProbeResult(false, "not in this test")), () => binary);
        return await ServerProvisioner.ProvisionAsync(options, environment, Cancel);
    }

    private LocalServerState ReadState() => LocalServerState.TryRead(Path.Combine(home.Path, "server.json")) ?? throw new InvalidOperationException("no server.json");
}
