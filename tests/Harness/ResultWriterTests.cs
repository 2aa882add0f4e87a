using System.Text.Json;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Harness;

[Collection(RunsFolderGroup.Name)]
public sealed class ResultWriterTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perf-results-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task CreateAsync_DirectoryCannotBeMade_IOExceptionNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(directory.FullName, "a-file");
        await File.WriteAllTextAsync(file, "x", ct);
        var output = Path.Combine(file, "run");

        var error = await Assert.ThrowsAsync<IOException>(() => ResultWriter.CreateAsync(RunManifest.Create("unit-test"), output, ct));

        Assert.StartsWith($"Cannot write results to {output}: ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task CannotWrite_FolderUnderAFile_NamesTheFile()
    {
        var file = Path.Combine(directory.FullName, "a-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        Assert.Equal($"{file} is a file", ResultWriter.CannotWrite(Path.Combine(file, "deeper", "run")));
    }

    [Fact]
    public void CannotWrite_NewFolderUnderAWritableOne_NullAndWritesNothing()
    {
        Assert.Null(ResultWriter.CannotWrite(Path.Combine(directory.FullName, "not", "yet")));

        Assert.Empty(directory.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task CreateAsync_ExplicitDirectory_WritesManifestJsonAndMarkdown()
    {
        var ct = TestContext.Current.CancellationToken;
        var manifest = RunManifest.Create("unit-test");
        manifest.Dataset = new DatasetInfo(42, "small", new Dictionary<string, long> { ["dd_trade_performance"] = 1234567 }, "abc123");
        manifest.DdlHashes["Basic"] = "0123456789abcdef0123";
        var output = Path.Combine(directory.FullName, "run");

        var writer = await ResultWriter.CreateAsync(manifest, output, ct);
        var jsonPath = await writer.WriteJsonAsync("summary", new { P95Ms = 12.5, Ratio = double.NaN, Name = "trades" }, ct);
        var markdownPath = await writer.WriteReportAsync("report", new ReportDocument("Report", [new ReportParagraph("body")]), html: false, ct);
        await writer.CompleteAsync(ct);

        Assert.Equal(output, writer.Directory);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, ct));
        Assert.Equal(12.5, summary.RootElement.GetProperty("p95Ms").GetDouble());
        Assert.Equal("NaN", summary.RootElement.GetProperty("ratio").GetString());

        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, ResultWriter.ManifestFileName), ct));
        var root = written.RootElement;
        Assert.Equal("unit-test", root.GetProperty("tool").GetString());
        Assert.Matches("^[0-9a-f]{40}$", root.GetProperty("git").GetProperty("commit").GetString());
        Assert.True(root.GetProperty("machine").GetProperty("processorCount").GetInt32() > 0);
        Assert.Equal(1234567, root.GetProperty("dataset").GetProperty("rowCounts").GetProperty("dd_trade_performance").GetInt64());
        Assert.EndsWith("Z", root.GetProperty("startedUtc").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", root.GetProperty("endedUtc").GetString(), StringComparison.Ordinal);

        var markdown = await File.ReadAllTextAsync(markdownPath, ct);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("| Commit | ", markdown, StringComparison.Ordinal);
        Assert.Contains("seed 42, scale small, rows dd_trade_performance=1,234,567, checksum abc123", markdown, StringComparison.Ordinal);
        Assert.Contains("Basic=0123456789ab", markdown, StringComparison.Ordinal);
        Assert.EndsWith("# Report\n\nbody\n", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "| Commit | 0123456789abcdef0123456789abcdef01234567 (main), with uncommitted changes |")]
    [InlineData(null, "| Commit | 0123456789abcdef0123456789abcdef01234567 (main), working tree state unknown |")]
    [InlineData(false, "| Commit | 0123456789abcdef0123456789abcdef01234567 (main) |")]
    public void Provenance_WorkingTree_SaysWhetherTheNumbersCameFromTheCommit(bool? dirty, string row)
    {
        var manifest = RunManifest.Create("unit-test") with { Git = new GitInfo("0123456789abcdef0123456789abcdef01234567", "main", dirty) };

        var provenance = MarkdownRenderer.Render(ProvenanceBlock.Table(manifest));

        Assert.Contains(row, provenance.Split('\n'));
    }

    [Fact]
    public async Task CreateAsync_NoDirectory_UsesTimestampedRunFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        var manifest = RunManifest.Create("unit test/x");

        var writer = await ResultWriter.CreateAsync(manifest, cancellationToken: ct);
        try
        {
            var name = Path.GetFileName(writer.Directory);
            Assert.Matches(@"^\d{8}-\d{6}-unit-test-x(-\d+)?$", name);
            Assert.Equal(Path.Combine(Perf.Harness.RepositoryPaths.FindRoot(), "results", "runs"), Path.GetDirectoryName(writer.Directory));
            Assert.True(File.Exists(Path.Combine(writer.Directory, ResultWriter.ManifestFileName)));
        }
        finally
        {
            Directory.Delete(writer.Directory, recursive: true);
        }
    }

    [Fact]
    public async Task CreateAsync_RunFolderNameTaken_TakesTheNextSuffixAndLeavesTheOtherRunAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var manifest = RunManifest.Create("unit-test") with { StartedUtc = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc) };
        var runs = Path.Combine(Perf.Harness.RepositoryPaths.FindRoot(), "results", "runs");
        var taken = Path.Combine(runs, "20010203-040506-unit-test-same-label");
        Directory.CreateDirectory(taken);
        await File.WriteAllTextAsync(Path.Combine(taken, ResultWriter.ManifestFileName), "the other run's", ct);
        var writers = new List<ResultWriter>();
        try
        {
            // Started in the same second with the same label: a folder each, in the order they claimed one.
            writers.Add(await ResultWriter.CreateAsync(manifest, null, "same+label", ct));
            writers.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ResultWriter.CreateAsync(manifest, null, "same+label", ct), ct))));

            Assert.Equal(taken + "-2", writers[0].Directory);
            Assert.Equal(5, writers.Select(w => w.Directory).Distinct(StringComparer.Ordinal).Count());
            Assert.All(writers, w => Assert.Matches(@"^20010203-040506-unit-test-same-label-[2-6]$", Path.GetFileName(w.Directory)));
            Assert.All(writers, w => Assert.True(File.Exists(Path.Combine(w.Directory, ResultWriter.ManifestFileName))));
            Assert.Equal("the other run's", await File.ReadAllTextAsync(Path.Combine(taken, ResultWriter.ManifestFileName), ct));
            Assert.Empty(Directory.GetDirectories(runs, ".20010203-040506-*"));
        }
        finally
        {
            foreach (var directory in writers.Select(w => w.Directory).Append(taken))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task WriteJsonAsync_PathInName_Throws()
    {
        var writer = await ResultWriter.CreateAsync(RunManifest.Create("unit-test"), directory.FullName, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteJsonAsync("../escape", 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteJsonAsync_SerializerThrowsMidway_OldFileIntactAndNoTemporaryLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = await ResultWriter.CreateAsync(RunManifest.Create("unit-test"), directory.FullName, ct);
        var manifest = Path.Combine(directory.FullName, ResultWriter.ManifestFileName);
        var before = await File.ReadAllTextAsync(manifest, ct);
        var files = directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        // Enough text ahead of the throwing member that the serializer has flushed part of the file before it fails.
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteJsonAsync(ResultWriter.ManifestFileName, new ThrowsMidway(new string('x', 100_000)), ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => WholeFile.WriteJsonAsync(manifest, new ThrowsMidway(new string('x', 100_000)), ct));

        Assert.Equal(before, await File.ReadAllTextAsync(manifest, ct));
        Assert.Equal(files, directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    private sealed record ThrowsMidway(string Padding)
    {
        public string Broken => Padding.Length > 0 ? throw new InvalidOperationException("broken") : Padding;
    }
}
