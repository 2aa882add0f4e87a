using Perf.Load.Capacity;

namespace Perf.Load.Overhead;

/// <summary>One arm's capacity search.</summary>
/// <param name="Name">The arm: <c>database</c>, <c>api-cache-off</c> or <c>api-cache-on</c>.</param>
/// <param name="Description">What it ran against.</param>
/// <param name="Capacity">Its steps and the highest passing rate.</param>
internal sealed record OverheadArm(string Name, string Description, CapacityResult Capacity);
