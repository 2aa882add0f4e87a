namespace Perf.Seed.Cli;

/// <summary>A parsed <c>seed</c> command line.</summary>
/// <param name="Options">What to seed.</param>
/// <param name="ConnectionString">The server from <c>--mysql</c>, or null to provision one.</param>
/// <param name="Help">Print usage and exit.</param>
public sealed record SeedCommand(SeedOptions Options, string? ConnectionString, bool Help);
