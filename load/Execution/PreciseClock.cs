using System.Diagnostics;
using Perf.Load.Measurement;

namespace Perf.Load.Execution;

/// <summary>Waits until a Stopwatch timestamp with tens-of-microseconds precision without burning a core.</summary>
/// <remarks>
/// Thread.Sleep has millisecond granularity, which would add up to a millisecond of send lag to every request.
/// On Linux the wait sleeps with usleep until 200 µs before the deadline (or a <see cref="WakeMargin"/>'s margin) and
/// spins the rest; elsewhere it sleeps whole milliseconds and spins the last 1.5.
/// </remarks>
internal static class PreciseClock
{
    /// <summary>How long before a deadline waiting turns from sleeping to spinning: idle-vCPU wake-ups are tens of microseconds late on Linux, a millisecond elsewhere.</summary>
    internal static readonly long SpinWindowTicks = Histograms.MicrosToTicks(OperatingSystem.IsLinux() ? 200 : 1500);

    /// <summary>Asks the kernel to wake the calling thread on time (1 µs timer slack instead of 50 µs); Linux only, best effort.</summary>
    public static void TightenTimerSlack()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = NativeMethods.Prctl(NativeMethods.SetTimerSlack, 1000, 0, 0, 0);
        }
    }

    /// <summary>Returns at or just after <paramref name="deadlineTicks"/>, or early when cancelled.</summary>
    /// <param name="deadlineTicks">Stopwatch timestamp to wait for.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <param name="margin">How long before the deadline to stop sleeping, learning from each sleep how late it woke; <see cref="SpinWindowTicks"/> when null.</param>
    public static void WaitUntil(long deadlineTicks, CancellationToken cancellationToken, WakeMargin? margin = null)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            var remaining = deadlineTicks - now;
            if (remaining <= 0)
            {
                return;
            }

            var window = margin?.Ticks ?? SpinWindowTicks;
            if (remaining > window)
            {
                var sleepMicros = Math.Min(Histograms.TicksToMicros(remaining - window), 50_000);
                if (OperatingSystem.IsLinux())
                {
                    _ = NativeMethods.Usleep((uint)sleepMicros);
                }
                else
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(Math.Clamp(sleepMicros / 1000, 1, 50)));
                }

                margin?.OnTimedWake(Stopwatch.GetTimestamp() - now - Histograms.MicrosToTicks(sleepMicros));
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
