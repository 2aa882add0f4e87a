using Perf.Load.Measurement;

namespace Perf.Load.Execution;

/// <summary>How long before a send the open model's dispatcher stops sleeping and polls: <see cref="PreciseClock.SpinWindowTicks"/>, longer while timed wake-ups run later than that.</summary>
/// <remarks>
/// A thread sleeping on an idle vCPU wakes tens of microseconds after its timeout on a quiet host and hundreds when
/// the host is busy. A dispatcher that stopped sleeping a fixed 200 µs before each send would then send late by the
/// difference: lateness that is rightly in the latency, but the generator's, not the server's. The margin follows
/// the 90th percentile of the last 32 wake-ups' lateness plus 100 µs, between the base window and 1 ms (or the base
/// window where that is longer).
/// </remarks>
internal sealed class WakeMargin
{
    private const int Window = 32;
    private static readonly long Headroom = Histograms.MicrosToTicks(100);
    private static readonly long Cap = Math.Max(Histograms.MicrosToTicks(1000), PreciseClock.SpinWindowTicks);
    private readonly long[] _recent = new long[Window];
    private readonly long[] _sorted = new long[Window];
    private int _count;
    private int _next;

    /// <summary>Stopwatch ticks before a send at which to stop sleeping.</summary>
    public long Ticks { get; private set; } = PreciseClock.SpinWindowTicks;

    /// <summary>Takes how late (Stopwatch ticks) a sleep that ran to its timeout returned.</summary>
    public void OnTimedWake(long lateTicks)
    {
        _recent[_next] = Math.Max(0, lateTicks);
        _next = (_next + 1) % Window;
        _count = Math.Min(_count + 1, Window);
        Array.Copy(_recent, _sorted, _count);
        Array.Sort(_sorted, 0, _count);
        var p90 = _sorted[((_count * 9) + 9) / 10 - 1];
        Ticks = Math.Clamp(p90 + Headroom, PreciseClock.SpinWindowTicks, Cap);
    }
}
