namespace Perf.Bench.CiGate;

/// <summary>A Release build of the bench program at one revision, ready to run probe rounds.</summary>
/// <param name="Label">"base" or "head".</param>
/// <param name="Revision">The commit (head: HEAD's commit, plus uncommitted changes when the tree is dirty).</param>
/// <param name="AssemblyPath">The built <c>Perf.Bench.dll</c>.</param>
/// <param name="SourceDirectory">The tree it was built from (a probe runs there, so it finds its own repository).</param>
internal sealed record RevisionBuild(string Label, string Revision, string AssemblyPath, string SourceDirectory)
{
    /// <summary>The revision as reports name it: 12 hex digits, and "dirty" for uncommitted changes.</summary>
    public string ShortRevision => Revision[..Math.Min(12, Revision.Length)] + (Revision.EndsWith("(dirty)", StringComparison.Ordinal) ? " dirty" : string.Empty);
}
