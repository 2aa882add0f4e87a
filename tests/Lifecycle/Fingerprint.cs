namespace Perf.Tests.Lifecycle;

/// <summary>How many rows, how many distinct ids, and a checksum of their content.</summary>
public sealed record Fingerprint(long Rows, long DistinctIds, long Checksum);
