namespace Perf.Bench.CiGate;

/// <summary>The commit the gate compares the head with.</summary>
/// <param name="Commit">Its full hash.</param>
/// <param name="How">How it was chosen, as the gate's report says it (<c>the merge base with origin/main</c>, <c>--base v1.2</c>).</param>
internal sealed record BaseRevision(string Commit, string How);
