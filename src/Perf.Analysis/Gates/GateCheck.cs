namespace Perf.Analysis.Gates;

/// <summary>One check of the CI perf gate; one JUnit test case.</summary>
/// <param name="Suite">The group: <c>environment</c>, <c>plans</c>, <c>load</c>, <c>timings</c>.</param>
/// <param name="Name">What was checked.</param>
/// <param name="Outcome">The result.</param>
/// <param name="Message">The result in words, with its numbers.</param>
/// <param name="Seconds">How long the check took, when known.</param>
public sealed record GateCheck(string Suite, string Name, GateOutcome Outcome, string Message, double Seconds = 0);
