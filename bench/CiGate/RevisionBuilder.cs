using Perf.Harness.Provisioning;
using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary>Resolves the base revision and builds base and head in Release, each from its own tree.</summary>
/// <remarks>
/// The base is checked out into a detached git worktree under <c>.perf/gate/</c> and built once per commit; the head is the
/// working tree as it is. Both are built the same way and run the same way, so neither side gets an advantage.
/// </remarks>
internal static class RevisionBuilder
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The commit to compare with, and how it was chosen.</summary>
    /// <remarks>
    /// <paramref name="reference"/> when given. Otherwise the merge base with <c>origin/main</c> (or <c>main</c>) when HEAD
    /// has commits of its own; when HEAD is that merge base (a build of main itself, or a branch with nothing new), the
    /// change under test is the working tree's uncommitted edits if there are any (base: HEAD), else HEAD's last commit
    /// (base: its first parent). Never HEAD against a clean HEAD: that compares the code with itself and always passes. With
    /// neither branch in the clone it refuses rather than guess: HEAD's parent would judge the last commit alone.
    /// </remarks>
    /// <exception cref="GateStepException">The reference does not name a commit, or there is no base to compare with (no main or origin/main, or nothing beyond them).</exception>
    public static async Task<BaseRevision> ResolveBaseAsync(string root, string? reference, CancellationToken cancellationToken)
    {
        if (reference is not null)
        {
            var named = await GitAsync(root, cancellationToken, "rev-parse", "--verify", "--quiet", reference + "^{commit}").ConfigureAwait(false)
                ?? throw new GateStepException($"--base '{reference}' does not name a commit in {root}.");
            return new BaseRevision(named, $"--base {reference}");
        }

        var head = await GitAsync(root, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)
            ?? throw new GateStepException($"{root} is not a git checkout with a commit: pass --baseline DIR to compare with a stored baseline instead.");
        string? trunk = null;
        foreach (var branch in (string[])["origin/main", "main"])
        {
            if (await GitAsync(root, cancellationToken, "merge-base", "HEAD", branch).ConfigureAwait(false) is { } mergeBase)
            {
                if (!string.Equals(mergeBase, head, StringComparison.Ordinal))
                {
                    return new BaseRevision(mergeBase, $"the merge base with {branch}");
                }

                trunk = branch;
                break;
            }
        }

        // Without a merge base the branch's own commits are unknown: HEAD's parent would judge its last commit alone and
        // pass a regression made in any commit before it.
        if (trunk is null)
        {
            throw new GateStepException("no base to compare with: neither origin/main nor main has a merge base with HEAD in this clone (no such branch, or unrelated history), so which commits are the change under test is unknown; pass --base REF (the branch this one will merge into, e.g. --base origin/release).");
        }

        if (IsDirty(root))
        {
            return new BaseRevision(head, "HEAD: the change under test is the working tree's uncommitted edits");
        }

        return await GitAsync(root, cancellationToken, "rev-parse", "--verify", "--quiet", "HEAD^").ConfigureAwait(false) is { } parent
            ? new BaseRevision(parent, $"HEAD's parent: HEAD is the merge base with {trunk} (its tip, or a branch with no commits of its own) and the tree is clean, so the change under test is HEAD's last commit")
            : throw new GateStepException($"no base to compare with: HEAD has no commits beyond {trunk}, the working tree is clean and HEAD's parent is not in this clone (a shallow clone? fetch with depth ≥ 2), so base and head would be the same code; pass --base REF.");
    }

    /// <summary>Builds the working tree (uncommitted changes included) into <c>.perf/gate/head</c>.</summary>
    public static async Task<RevisionBuild> BuildHeadAsync(string root, CancellationToken cancellationToken)
    {
        var commit = await GitAsync(root, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false) ?? "unknown";
        var dirty = IsDirty(root);
        var output = Path.Combine(root, ".perf", "gate", "head");
        await BuildAsync(root, output, cancellationToken).ConfigureAwait(false);
        return new RevisionBuild("head", dirty ? commit + " (dirty)" : commit, Path.Combine(output, AssemblyName), root);
    }

    /// <summary>Checks <paramref name="commit"/> out into a detached worktree and builds it, once per commit.</summary>
    public static async Task<RevisionBuild> BuildBaseAsync(string root, string commit, CancellationToken cancellationToken)
    {
        var home = Path.Combine(root, ".perf", "gate", "base-" + commit[..12]);
        var source = Path.Combine(home, "src");
        var output = Path.Combine(home, "bin");
        var built = Path.Combine(home, "built");
        if (!File.Exists(built))
        {
            if (!File.Exists(Path.Combine(source, RepositoryMarker)))
            {
                await GitAsync(root, cancellationToken, "worktree", "prune").ConfigureAwait(false);
                var (exitCode, log) = await ChildProcess.RunAsync("git", ["-C", root, "worktree", "add", "--force", "--detach", source, commit], GitTimeout, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new GateStepException($"could not check out the base {commit[..12]} (git worktree add exited {exitCode}): {LastLines(log)}");
                }
            }

            await BuildAsync(source, output, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(built, commit, cancellationToken).ConfigureAwait(false);
            await RemoveOtherBasesAsync(root, home, cancellationToken).ConfigureAwait(false);
        }

        return new RevisionBuild("base", commit, Path.Combine(output, AssemblyName), source);
    }

    /// <summary>Keeps one base (about 220 MB of worktree and build): a new base replaces the ones before it.</summary>
    private static async Task RemoveOtherBasesAsync(string root, string keep, CancellationToken cancellationToken)
    {
        foreach (var other in Directory.GetDirectories(Path.GetDirectoryName(keep)!, "base-*").Where(d => !string.Equals(d, keep, StringComparison.Ordinal)))
        {
            var (exitCode, log) = await ChildProcess.RunAsync("git", ["-C", root, "worktree", "remove", "--force", Path.Combine(other, "src")], GitTimeout, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0 && Directory.Exists(Path.Combine(other, "src")))
            {
                Console.Error.WriteLine($"ci: could not remove the old base {other}: {LastLines(log, 2)}");
                continue;
            }

            try
            {
                Directory.Delete(other, recursive: true);
                Console.Error.WriteLine($"ci: removed the old base {other}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only disk space is at stake: the gate's verdict does not depend on it.
                Console.Error.WriteLine($"ci: could not remove the old base {other}: {ex.Message}");
            }
        }
    }

    private const string AssemblyName = "Perf.Bench.dll";
    private const string RepositoryMarker = "Perf.sln";

    private static async Task BuildAsync(string tree, string output, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"ci: building {tree} (Release) into {output}");
        var (exitCode, log) = await ChildProcess.RunAsync(
            "dotnet", ["build", Path.Combine(tree, "bench", "Perf.Bench.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "quiet"],
            BuildTimeout, cancellationToken, tree).ConfigureAwait(false);
        if (exitCode != 0 || !File.Exists(Path.Combine(output, AssemblyName)))
        {
            throw new GateStepException($"the Release build of {tree} failed (dotnet build exited {exitCode}): {LastLines(log)}");
        }
    }

    /// <summary>Whether the working tree builds something other than HEAD (the head build includes it): the manifests' own rule.</summary>
    internal static bool IsDirty(string root) => GitInfo.TryRead(root)?.Dirty == true;

    private static async Task<string?> GitAsync(string root, CancellationToken cancellationToken, params string[] arguments)
    {
        var (exitCode, output) = await ChildProcess.RunAsync("git", ["-C", root, .. arguments], GitTimeout, cancellationToken).ConfigureAwait(false);
        var text = output.Trim();
        return exitCode == 0 && text.Length > 0 ? text : null;
    }

    internal static string LastLines(string log, int count = 8) =>
        string.Join(" / ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
