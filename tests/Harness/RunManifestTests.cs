using System.Diagnostics;
using Perf.Harness;
using Perf.Harness.Results;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Harness;

[Collection(CurrentDirectoryGroup.Name)]
public sealed class RunManifestTests(DatabaseServerFixture fixture)
{
    [Fact]
    public void Create_InThisRepository_HasCommitAndMachine()
    {
        var manifest = RunManifest.Create("test");

        Assert.NotNull(manifest.Git);
        Assert.Matches("^[0-9a-f]{40}$", manifest.Git.Commit);
        Assert.True(manifest.Machine.ProcessorCount > 0);
        Assert.True(manifest.Machine.TotalMemoryBytes > 0);
        Assert.NotEmpty(manifest.Machine.HostName);
        Assert.NotEmpty(manifest.Machine.OsName);
        Assert.StartsWith(".NET", manifest.Machine.RuntimeVersion, StringComparison.Ordinal);
        Assert.Equal(DateTimeKind.Utc, manifest.StartedUtc.Kind);
        Assert.Null(manifest.EndedUtc);
    }

    [Fact]
    public async Task Create_StartedInAnotherCheckout_RecordsTheCheckoutItWasBuiltFrom()
    {
        var directory = Directory.CreateTempSubdirectory("perf-other-checkout-");
        var previous = Environment.CurrentDirectory;
        try
        {
            // Another checkout of the project (its own Perf.sln and commit), where a tool built here is started.
            var other = directory.FullName;
            await GitAsync(other, "init", "-q", "-b", "other");
            await File.WriteAllTextAsync(Path.Combine(other, RepositoryPaths.SolutionFileName), string.Empty, TestContext.Current.CancellationToken);
            await GitAsync(other, "add", RepositoryPaths.SolutionFileName);
            await GitAsync(other, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "other");
            var otherHead = await GitAsync(other, "rev-parse", "HEAD");
            Environment.CurrentDirectory = other;

            var manifest = RunManifest.Create("test");

            Environment.CurrentDirectory = previous;
            Assert.NotNull(manifest.Git);
            Assert.NotEqual(otherHead, manifest.Git.Commit);
            Assert.Equal(GitInfo.TryRead(RepositoryPaths.BuildRoot()!), manifest.Git);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Create_WithServer_RecordsFlavorVersionAndSettings()
    {
        var server = fixture.RequireServer();

        var manifest = RunManifest.Create("test", server);

        Assert.NotNull(manifest.Server);
        Assert.Equal(server.Info.Version, manifest.Server.Version);
        Assert.Equal(server.Info.Flavor.ToString(), manifest.Server.Flavor);
        Assert.Equal(server.Source, manifest.Server.Source);
        Assert.Contains("innodb_flush_log_at_trx_commit", manifest.Server.Settings.Keys);
    }

    [Fact]
    public void TryReadFiles_WithoutGitCli_MatchesCli()
    {
        var root = RepositoryPaths.FindRoot();

        var fromCli = GitInfo.TryRead(root);
        var fromFiles = GitInfo.TryReadFiles(root);

        Assert.NotNull(fromCli);
        Assert.NotNull(fromFiles);
        Assert.Equal(fromCli.Commit, fromFiles.Commit);
        Assert.Equal(fromCli.Branch, fromFiles.Branch);
        Assert.Null(fromFiles.Dirty);
    }

    [Fact]
    public async Task TryRead_TrackedFileEdited_DirtyOnlyThen()
    {
        var directory = Directory.CreateTempSubdirectory("perf-git-");
        try
        {
            var root = directory.FullName;
            await GitAsync(root, "init", "-q", "-b", "main");
            await File.WriteAllTextAsync(Path.Combine(root, "tracked.txt"), "one", TestContext.Current.CancellationToken);
            await GitAsync(root, "add", "tracked.txt");
            await GitAsync(root, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "first");
            var head = await GitAsync(root, "rev-parse", "HEAD");

            // An untracked file that builds nothing (a result, a note) leaves the build as HEAD's; an untracked source file is compiled in.
            await File.WriteAllTextAsync(Path.Combine(root, "untracked.txt"), "x", TestContext.Current.CancellationToken);
            var clean = GitInfo.TryRead(root);
            Directory.CreateDirectory(Path.Combine(root, "seed"));
            await File.WriteAllTextAsync(Path.Combine(root, "seed", "Tweak.cs"), "class Tweak;", TestContext.Current.CancellationToken);
            var untrackedSource = GitInfo.TryRead(root);
            File.Delete(Path.Combine(root, "seed", "Tweak.cs"));
            await File.WriteAllTextAsync(Path.Combine(root, "tracked.txt"), "two", TestContext.Current.CancellationToken);
            var edited = GitInfo.TryRead(root);

            Assert.Equal(new GitInfo(head, "main", false), clean);
            Assert.Equal(new GitInfo(head, "main", true), untrackedSource);
            Assert.Equal(new GitInfo(head, "main", true), edited);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TryRead_NotARepository_Null()
    {
        var directory = Directory.CreateTempSubdirectory("perf-nogit-");
        try
        {
            Assert.Null(GitInfo.TryReadFiles(directory.FullName));
        }
        finally
        {
            directory.Delete();
        }
    }

    [Fact]
    public void RedactArguments_ConnectionStrings_Hidden()
    {
        var redacted = RunManifest.RedactArguments(
            ["--mysql", "Server=x;Password=p", "--redis=h:1,password=q", "--mysql:Server=y;Password=r", "--redis:h:2,password=s", "--mysql-datadir", "/d", "--rate", "5"]);

        Assert.Equal(["--mysql", "***", "--redis=***", "--mysql:***", "--redis:***", "--mysql-datadir", "/d", "--rate", "5"], redacted);
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = await git.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await git.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await git.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output.Trim();
    }
}
