namespace Perf.Load.Cli;

/// <summary>The steps of a <c>capacity</c> search, as read from the command line.</summary>
/// <param name="StartRate">The first step's rate, requests/s.</param>
/// <param name="Step">The rate added per step.</param>
/// <param name="MaxRate">The last step's rate at most.</param>
/// <param name="StepDuration">Each step's measured duration.</param>
/// <param name="Warmup">Each step's warm-up.</param>
/// <param name="Poisson">Exponential inter-arrival times.</param>
internal sealed record CapacitySteps(double StartRate, double Step, double MaxRate, TimeSpan StepDuration, TimeSpan Warmup, bool Poisson);
