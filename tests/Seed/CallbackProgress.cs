using Perf.Seed;

namespace Perf.Tests.Seed;

/// <summary>Reports progress synchronously, so a test can act at an exact point of the run.</summary>
internal sealed class CallbackProgress(Action<SeedProgress> callback) : IProgress<SeedProgress>
{
    public void Report(SeedProgress value) => callback(value);
}
