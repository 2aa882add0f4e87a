using Perf.Harness;

namespace Perf.Tests.Infrastructure;

/// <summary>A test's own local server home under <c>.perf/</c> (a fresh name per test instance), deleted with everything in it when the test ends.</summary>
public sealed class ServerHome(string name) : IDisposable
{
    /// <summary>The directory; the server or the test creates it.</summary>
    public string Path { get; } = RepositoryPaths.ScratchDirectory($"test-{name}-{Guid.NewGuid().ToString("N")[..8]}");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
