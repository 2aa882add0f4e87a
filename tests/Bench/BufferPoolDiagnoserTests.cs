using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MySqlConnector;
using Perf.Bench.Suite;
using Perf.Harness.Provisioning;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Bench;

/// <summary>The suite's buffer pool counts: BenchmarkDotNet's signals bracket each case's actual iterations on a real server, and the counts are per call made in them.</summary>
public sealed class BufferPoolDiagnoserTests : IDisposable
{
    private const int Iterations = 3;
    private const int CallsPerIteration = 8;
    private readonly ServerHome home = new("pages");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Suite_LookupAndScan_PagesPerCallOverTheActualIterationsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PrivateServer.ProvisionAsync(home.Path, ct);
        await server.EnsureDatabaseAsync("pages", ct);
        await using (var connection = new MySqlConnection(server.ConnectionStringFor("pages")))
        {
            await connection.OpenAsync(ct);
            // 20,000 rows of 200 bytes: a few hundred 16 KiB leaf pages, two levels of primary key. The counters are the
            // server's: statistics recalculated in the background after the insert (which samples the table's pages) could
            // land inside a case's iterations, so they are computed here, once, and not again.
            foreach (var sql in new[]
            {
                "CREATE TABLE pages (id INT PRIMARY KEY, payload CHAR(200) NOT NULL) ENGINE=InnoDB STATS_PERSISTENT=1 STATS_AUTO_RECALC=0",
                "INSERT INTO pages SELECT seq, REPEAT('x', 200) FROM seq_1_to_20000",
                "ANALYZE TABLE pages",
            })
            {
                await using var command = new MySqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        PageCountBenchmarks.ConnectionString = server.ConnectionStringFor("pages");
        await using var counters = await BufferPoolCounters.OpenAsync(server.AdminConnectionString, ct);
        var diagnoser = new BufferPoolDiagnoser(counters);
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(Iterations).WithInvocationCount(CallsPerIteration).WithUnrollFactor(1);
        var config = ManualConfig.CreateEmpty().AddJob(job).AddDiagnoser(diagnoser).AddLogger(NullLogger.Instance)
            .WithArtifactsPath(Path.Combine(home.Path, "artifacts")).WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);

        var summary = BenchmarkRunner.Run<PageCountBenchmarks>(config);

        var pages = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => diagnoser.For(r)!);
        Assert.Equal(2, pages.Count);
        Assert.All(pages.Values, p => Assert.Equal(Iterations * CallsPerIteration, p.Executions));
        var lookup = (double)pages["Lookup"].LogicalReads / pages["Lookup"].Executions;
        var scan = (double)pages["Scan"].LogicalReads / pages["Scan"].Executions;

        // A point lookup walks the primary key's levels; a scan reads every leaf page (20,000 rows of ~200 bytes).
        Assert.InRange(lookup, 1, 10);
        Assert.True(scan > 200, $"scan {scan:0.#} pages per call");
    }

    /// <summary>Two queries whose page counts differ by orders of magnitude; public for BenchmarkDotNet.</summary>
#pragma warning disable CA1063 // BenchmarkDotNet needs an unsealed class; its GlobalCleanup is the disposal.
    public class PageCountBenchmarks : IDisposable
#pragma warning restore CA1063
    {
        private MySqlConnection? connection;

        internal static string ConnectionString { get; set; } = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            connection = new MySqlConnection(ConnectionString);
            connection.Open();
        }

        [GlobalCleanup]
        public void Dispose()
        {
            connection?.Dispose();
            GC.SuppressFinalize(this);
        }

        [Benchmark]
        public object? Lookup() => Scalar("SELECT LENGTH(payload) FROM pages WHERE id = 10000");

        [Benchmark]
        public object? Scan() => Scalar("SELECT SUM(LENGTH(payload)) FROM pages");

        private object? Scalar(string sql)
        {
            using var command = new MySqlCommand(sql, connection);
            return command.ExecuteScalar();
        }
    }
}
