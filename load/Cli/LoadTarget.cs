namespace Perf.Load.Cli;

/// <summary>The API under load: where it listens and, when hosted here, what it runs on.</summary>
/// <param name="BaseAddress">Base URL.</param>
/// <param name="Description">The URL, or a description of the in-process host.</param>
/// <param name="Server">Database server, when known.</param>
/// <param name="Dataset">Dataset description, when known.</param>
/// <param name="Owner">Disposed when the run ends (the in-process host), or null.</param>
internal sealed record LoadTarget(Uri BaseAddress, string Description, string? Server, string? Dataset, IAsyncDisposable? Owner) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
