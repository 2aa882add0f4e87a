using Perf.Bench.CiGate;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Tests.CommandLine;
using Perf.Tests.Harness;

namespace Perf.Tests.Gates;

/// <summary>Which commit the gate compares with when no <c>--base</c> is given, in real git repositories: never the code with itself.</summary>
[Collection(CurrentDirectoryGroup.Name)] // ci-rates finds its repository from the current directory
public sealed class BaseRevisionTests : IDisposable
{
    private readonly DirectoryInfo repository = Directory.CreateTempSubdirectory("perf-gate-base-");

    public void Dispose() => repository.Delete(recursive: true);

    [Fact]
    public async Task OnMainsTip_CleanTree_ComparesWithTheParent()
    {
        var first = await CommitAsync("a", "1");
        await CommitAsync("a", "2");

        var chosen = await RevisionBuilder.ResolveBaseAsync(repository.FullName, null, TestContext.Current.CancellationToken);

        Assert.Equal(first, chosen.Commit);
        Assert.StartsWith("HEAD's parent", chosen.How, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnMainsTip_UncommittedEdits_ComparesWithHead()
    {
        await CommitAsync("a", "1");
        var head = await CommitAsync("a", "2");
        await File.WriteAllTextAsync(Path.Combine(repository.FullName, "a"), "3", TestContext.Current.CancellationToken);

        var chosen = await RevisionBuilder.ResolveBaseAsync(repository.FullName, null, TestContext.Current.CancellationToken);

        Assert.Equal(head, chosen.Commit);
        Assert.StartsWith("HEAD: the change under test is the working tree's uncommitted edits", chosen.How, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnABranch_ComparesWithTheMergeBase()
    {
        await CommitAsync("a", "1");
        var fork = await CommitAsync("a", "2");
        await GitAsync("checkout", "-q", "-b", "feature");
        await CommitAsync("b", "1");
        await CommitAsync("b", "2");

        var chosen = await RevisionBuilder.ResolveBaseAsync(repository.FullName, null, TestContext.Current.CancellationToken);

        Assert.Equal(fork, chosen.Commit);
        Assert.Equal("the merge base with main", chosen.How);
    }

    [Fact]
    public async Task NoParent_CleanTree_RefusesInsteadOfComparingHeadWithItself()
    {
        await CommitAsync("a", "1");

        var refused = await Assert.ThrowsAsync<GateStepException>(() => RevisionBuilder.ResolveBaseAsync(repository.FullName, null, TestContext.Current.CancellationToken));

        Assert.Contains("pass --base REF", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMainInTheClone_RefusesInsteadOfJudgingTheLastCommitAlone()
    {
        // A branch cloned without main: HEAD's parent would leave the first two commits unjudged.
        await GitAsync("init", "-q", "-b", "feature");
        await CommitAsync("a", "1");
        await CommitAsync("a", "2");
        await CommitAsync("a", "3");

        var refused = await Assert.ThrowsAsync<GateStepException>(() => RevisionBuilder.ResolveBaseAsync(repository.FullName, null, TestContext.Current.CancellationToken));
        await File.WriteAllTextAsync(Path.Combine(repository.FullName, "a"), "4", TestContext.Current.CancellationToken);
        var refusedDirty = await Assert.ThrowsAsync<GateStepException>(() => RevisionBuilder.ResolveBaseAsync(repository.FullName, null, TestContext.Current.CancellationToken));

        Assert.Contains("neither origin/main nor main has a merge base with HEAD", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pass --base REF", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, refusedDirty.Message);
    }

    [Fact]
    public async Task NamedBase_IsTaken_AndAWrongNameRefused()
    {
        var head = await CommitAsync("a", "1");

        var chosen = await RevisionBuilder.ResolveBaseAsync(repository.FullName, "HEAD", TestContext.Current.CancellationToken);

        Assert.Equal(new BaseRevision(head, "--base HEAD"), chosen);
        await Assert.ThrowsAsync<GateStepException>(() => RevisionBuilder.ResolveBaseAsync(repository.FullName, "no-such-ref", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProbeSourceRevision_BaseWorktreeInsideTheRepository_NamesTheWorktreesCommitAndDirty()
    {
        // As the gate lays a base out: a detached worktree under the head's .perf/gate, its build beside it, not in it.
        var @base = await CommitAsync(RepositoryPaths.SolutionFileName, "1");
        var head = await CommitAsync(RepositoryPaths.SolutionFileName, "2");
        var source = Path.Combine(repository.FullName, ".perf", "gate", "base-x", "src");
        await GitAsync("worktree", "add", "-q", "--detach", source, @base);

        Assert.Equal(@base, ProbeCommand.SourceRevision(source));
        Assert.Equal(head, ProbeCommand.SourceRevision(repository.FullName));

        await File.WriteAllTextAsync(Path.Combine(source, RepositoryPaths.SolutionFileName), "3", TestContext.Current.CancellationToken);
        Assert.Equal(@base + " (dirty)", ProbeCommand.SourceRevision(source));
    }

    [Fact]
    public async Task CiRates_UncommittedChanges_RefusedBeforeAnyServerOrResults()
    {
        // ci-rates compares the working tree with HEAD: with edits the "unchanged" runs would time them as a change.
        await CommitAsync(RepositoryPaths.SolutionFileName, "1");
        await File.WriteAllTextAsync(Path.Combine(repository.FullName, RepositoryPaths.SolutionFileName), "2", TestContext.Current.CancellationToken);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = repository.FullName;
        try
        {
            var (code, error) = await BadInputTests.RunBenchAsync("ci-rates|--runs|1");

            BadInputTests.AssertUsageError(code, error, "bench", $"{repository.FullName} has uncommitted changes the build includes, so the gate's head (the working tree) is not its base (HEAD)");
            Assert.False(Directory.Exists(Path.Combine(repository.FullName, "results")));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private async Task<string> CommitAsync(string file, string text)
    {
        if (!Directory.Exists(Path.Combine(repository.FullName, ".git")))
        {
            await GitAsync("init", "-q", "-b", "main");
        }

        await File.WriteAllTextAsync(Path.Combine(repository.FullName, file), text, TestContext.Current.CancellationToken);
        await GitAsync("add", file);
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", file + text);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    private async Task<string> GitAsync(params string[] arguments)
    {
        var (exitCode, output) = await ChildProcess.RunAsync("git", ["-C", repository.FullName, .. arguments], TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"git {string.Join(' ', arguments)} exited {exitCode}: {output}");
        return output;
    }
}
