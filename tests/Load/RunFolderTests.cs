using Perf.Load.Calibration;
using Perf.Load.Model;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Perf.Tests.Infrastructure;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

/// <summary>A load command without <c>--results</c> writes into a run folder of its own, even beside a run started in the same second.</summary>
[Collection(RunsFolderGroup.Name)]
public sealed class RunFolderTests
{
    [Fact]
    public async Task Merge_TwiceInOneSecond_EachWritesItsOwnFolder()
    {
        await using var server = await LocalTestServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = LoadProfile.ConstantRate(20, TimeSpan.FromSeconds(1), warmup: TimeSpan.Zero);
        var (_, report, manifest) = await LoadTestSupport.RunAsync(server.BaseAddress, "get:/", profile, adjust: s => s with { Thresholds = Threshold.Defaults });
        var run = LoadTestSupport.TempDirectory();
        await ReportWriter.WriteAsync(report, manifest, run, html: false, TestContext.Current.CancellationToken);
        var before = RunsFolderGroup.RunDirectories();
        string[] created = [];
        try
        {
            // Merging one small run takes milliseconds: both merges name their folder after the same second.
            var first = await LoadTestSupport.RunCliAsync(["merge", run, "--no-html"]);
            var second = await LoadTestSupport.RunCliAsync(["merge", run, "--no-html"]);
            created = [.. RunsFolderGroup.RunDirectories().Except(before).Order(StringComparer.Ordinal)];

            Assert.All([first.Code, second.Code], code => Assert.NotEqual(ExitCodes.UsageError, code));
            Assert.Equal(2, created.Length);
            Assert.All(created, directory =>
            {
                Assert.Matches(@"^\d{8}-\d{6}-load-merge(-2)?$", Path.GetFileName(directory));
                Assert.True(File.Exists(Path.Combine(directory, ReportWriter.SummaryFile)));
            });
        }
        finally
        {
            foreach (var directory in created)
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.Delete(run, recursive: true);
        }
    }
}
