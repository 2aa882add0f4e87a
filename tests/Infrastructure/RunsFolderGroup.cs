using Perf.Harness;

namespace Perf.Tests.Infrastructure;

/// <summary>
/// Tests that look at the repository's <c>results/runs</c> folder (a bad command line or <c>--help</c> must leave it as it
/// was) and the one test that writes there (a writer without a directory): one at a time, so one never sees the other's folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RunsFolderGroup
{
    public const string Name = "results/runs folder";

    /// <summary>The run folders under the repository's <c>results/runs</c> now.</summary>
    public static string[] RunDirectories()
    {
        var runs = Path.Combine(RepositoryPaths.FindRoot(), "results", "runs");
        return Directory.Exists(runs) ? Directory.GetDirectories(runs) : [];
    }
}
