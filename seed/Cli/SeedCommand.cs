namespace Perf.Seed.Cli;

/// <summary>A parsed <c>seed</c> command line (server flags are the harness's, parsed before).</summary>
/// <param name="Options">What to seed.</param>
/// <param name="Help">Print usage and exit.</param>
public sealed record SeedCommand(SeedOptions Options, bool Help);
