using System.Diagnostics;

namespace Perf.Harness.Results;

/// <summary>The source revision a run was built from.</summary>
/// <param name="Commit">The full commit hash of HEAD.</param>
/// <param name="Branch">The branch name, or null when detached or unknown.</param>
/// <param name="Dirty">True when tracked files differ from HEAD, or untracked files would be compiled into the build; null when it could not be checked (no <c>git</c> CLI).</param>
public sealed record GitInfo(string Commit, string? Branch, bool? Dirty)
{
    // The SDK compiles every source file under a project, tracked or not; other untracked files (results, notes) build nothing.
    private static readonly HashSet<string> BuildInputs = new(StringComparer.OrdinalIgnoreCase) { ".cs", ".csproj", ".props", ".targets", ".sln" };

    /// <summary>Reads HEAD of the repository at <paramref name="repositoryRoot"/> with the <c>git</c> CLI, else from the <c>.git</c> files; null when neither works.</summary>
    public static GitInfo? TryRead(string repositoryRoot)
    {
        var commit = RunGit(repositoryRoot, "rev-parse", "HEAD");
        if (commit is { Length: 40 })
        {
            var branch = RunGit(repositoryRoot, "rev-parse", "--abbrev-ref", "HEAD");
            var status = RunGit(repositoryRoot, "status", "--porcelain", "--untracked-files=all");
            return new GitInfo(commit, branch is null or "HEAD" ? null : branch, status?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Any(ChangesTheBuild));
        }

        return TryReadFiles(repositoryRoot);
    }

    /// <summary>Reads HEAD of the checkout the running tool was built from (<see cref="RepositoryPaths.BuildRoot"/>), whatever the current directory; null outside one.</summary>
    public static GitInfo? TryReadBuild() => RepositoryPaths.BuildRoot() is { } root ? TryRead(root) : null;

    /// <summary>Reads HEAD from the <c>.git</c> directory or worktree file without the CLI; <see cref="Dirty"/> is null.</summary>
    internal static GitInfo? TryReadFiles(string repositoryRoot)
    {
        try
        {
            var gitDir = Path.Combine(repositoryRoot, ".git");
            if (File.Exists(gitDir))
            {
                // A worktree: ".git" is a file "gitdir: <path>".
                var pointer = File.ReadAllText(gitDir).Trim();
                if (!pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    return null;
                }

                gitDir = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), repositoryRoot);
            }

            if (!Directory.Exists(gitDir))
            {
                return null;
            }

            var commonDir = gitDir;
            var commonFile = Path.Combine(gitDir, "commondir");
            if (File.Exists(commonFile))
            {
                commonDir = Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir);
            }

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return head.Length == 40 ? new GitInfo(head, null, null) : null;
            }

            var reference = head["ref:".Length..].Trim();
            var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : null;
            foreach (var dir in new[] { gitDir, commonDir })
            {
                var loose = Path.Combine(dir, reference);
                if (File.Exists(loose))
                {
                    return new GitInfo(File.ReadAllText(loose).Trim(), branch, null);
                }
            }

            var packed = Path.Combine(commonDir, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadLines(packed))
                {
                    var parts = line.Split(' ', 2);
                    if (parts.Length == 2 && parts[1] == reference)
                    {
                        return new GitInfo(parts[0], branch, null);
                    }
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether a <c>git status --porcelain</c> line changes what is built: any change to a tracked file, or an untracked source file.</summary>
    private static bool ChangesTheBuild(string line) =>
        !line.StartsWith("?? ", StringComparison.Ordinal) || BuildInputs.Contains(Path.GetExtension(line[3..].Trim().Trim('"')));

    private static string? RunGit(string workingDirectory, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git")
            {
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var errorTask = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return null;
            }

            _ = errorTask.Wait(TimeSpan.FromSeconds(1));
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on PATH.
            return null;
        }
    }
}
