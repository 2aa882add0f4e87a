namespace Perf.Tests.Infrastructure;

/// <summary>A clock that stands still wherever the test sets it.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The time it reads; set it to move the clock.</summary>
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
