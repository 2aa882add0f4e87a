namespace Perf.Harness;

/// <summary>Finds the repository root, where git-ignored scratch folders (<c>.perf/</c>) and <c>results/</c> live.</summary>
public static class RepositoryPaths
{
    /// <summary>The marker file that identifies the repository root.</summary>
    public const string SolutionFileName = "Perf.sln";

    /// <summary>Returns the nearest ancestor of <paramref name="start"/> (default: the current directory, then the app's base directory) that holds <c>Perf.sln</c>, else the current directory.</summary>
    public static string FindRoot(string? start = null)
    {
        var candidates = start is null
            ? new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
            : new[] { start };
        return candidates.Select(NearestRoot).FirstOrDefault(root => root is not null) ?? Environment.CurrentDirectory;
    }

    /// <summary>The checkout the running tool was built from: the nearest ancestor of the app's base directory that holds <c>Perf.sln</c>; null for a tool copied out of one.</summary>
    /// <remarks>A run's provenance is this checkout's commit, whichever checkout the tool is started from.</remarks>
    public static string? BuildRoot() => NearestRoot(AppContext.BaseDirectory);

    /// <summary>Returns <c>&lt;repo root&gt;/.perf/&lt;name&gt;</c>, the git-ignored home of a throwaway local server.</summary>
    public static string ScratchDirectory(string name) => Path.Combine(FindRoot(), ".perf", name);

    private static string? NearestRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
