namespace Perf.Load.Reports;

/// <summary>Where a result came from: code, machine, server and dataset.</summary>
/// <param name="Commit">Git commit of the working tree, when known.</param>
/// <param name="Machine">Host name.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="Server">Database server (flavour and version), when the target is in-process.</param>
/// <param name="Dataset">Dataset description (seed, rows), when known.</param>
internal sealed record RunProvenance(string? Commit, string Machine, string Os, int Cores, string Runtime, string? Server, string? Dataset);
