using System.Security.Cryptography;
using Perf.Analysis.Capacity;
using Perf.Bench.Capacity;
using Perf.Harness.Results;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>The capacity sweep's A/A null check on the real server: a variant against an identical copy of itself must yield no claim.</summary>
public sealed class AaCheckServerTests(DatabaseServerFixture fixture) : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-aa-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Sweep_CompositeAgainstItsCopy_ClaimsNoDifference()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var prefix = "aat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        // Six rounds a side let Mann–Whitney reach p = 0.002, below this run's α of 0.05 / 12, so the check can test the
        // timings (with fewer it says it could not). At 3k rows these queries take well under the 1 ms a timing claim also
        // needs, so what this run shows is the pipeline: equal exact work between the copies, a p-value for every pair, and
        // no claim. That a real difference is claimed is ClaimRule's unit tests' job (Reports/ClaimRuleTests).
        var options = ReportCommand.ParseOptions(["--sizes", "3k", "--variants", "composite", "--aa", "--rounds", "6", "--executions", "2", "--queries", "trades_page,summary/hot", "--prefix", prefix]);
        try
        {
            var writer = await ResultWriter.CreateAsync(RunManifest.Create("aa-test"), directory.FullName, ct);

            var data = await CapacitySweep.RunAsync(options, server, writer, directory.FullName, ct);
            var analysis = CapacityAnalysis.Analyze(data, null);

            var copy = Assert.Single(data.Copies);
            Assert.Equal(SchemaVariant.Composite, copy.Variant);
            // The variant and its copy are timed in the same rounds: one reading of the machine's speed before them, one after each.
            Assert.Same(Assert.Single(data.Measurements).Machine, copy.Machine);
            Assert.Equal(7, copy.Machine!.ReadingsMs.Count);
            Assert.Equal(12, analysis.AaCheck.Count);
            Assert.All(analysis.AaCheck, c =>
            {
                Assert.Equal(c.Result.ReferenceWork.RowsExamined, c.Result.CandidateWork.RowsExamined);
                Assert.NotNull(c.Result.PValue);
                Assert.Equal(12, c.Result.CandidateMedian.Samples);
            });
            Assert.Empty(analysis.AaCheck.Where(c => c.Result.IsClaim).Select(c => $"{c.Query}: {c.Result.Kind}"));
            Assert.StartsWith("A/A check passed", Assert.Single(analysis.Recommendations, r => r.Rule == "aa-check").Text, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(VariantDatabase.Name(prefix, SchemaVariant.Composite), CancellationToken.None);
            await server.DropDatabaseAsync(VariantDatabase.Name(options.CopyPrefix, SchemaVariant.Composite), CancellationToken.None);
        }
    }
}
