using Perf.Harness.Results;

namespace Perf.Seed;

/// <summary>Reads how the machine's cores are spent every <c>interval</c> while a seed runs (<see cref="CoreUse"/>), from <c>/proc/stat</c> and the two processes' CPU times.</summary>
internal sealed class CoreUseSampler : IAsyncDisposable
{
    /// <summary>Every 10 s: a medium seed's phases last a minute or more, and a 10-minute seed leaves some 60 stretches.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly List<CoreUse> stretches = [];
    private readonly Func<double?> serverSeconds;
    private readonly Func<double> runSeconds;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private Reading? last;

    private CoreUseSampler(Func<double> runSeconds, Func<double?> serverSeconds, TimeSpan interval)
    {
        this.runSeconds = runSeconds;
        this.serverSeconds = serverSeconds;
        last = Read();
        sampling = last is null ? Task.CompletedTask : SampleAsync(interval);
    }

    /// <summary>Starts reading.</summary>
    /// <param name="runSeconds">The run's clock, which the stretches are placed on.</param>
    /// <param name="serverSeconds">The server's CPU seconds so far by any fixed origin, or null while it is not known (not found yet, or not on this machine).</param>
    public static CoreUseSampler Start(Func<double> runSeconds, Func<double?> serverSeconds, TimeSpan interval) => new(runSeconds, serverSeconds, interval);

    /// <summary>Ends the reading with the stretch since the last one; null off Linux, where <c>/proc/stat</c> is not there to read.</summary>
    public async Task<IReadOnlyList<CoreUse>?> StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        if (last is null)
        {
            return null;
        }

        Add();
        return stretches;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        stop.Dispose();
    }

    // One reader at a time: the timer's loop, then StopAsync once the loop has ended.
    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                Add();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the last stretch is added by StopAsync.
        }
    }

    private void Add()
    {
        if (Read() is not { } now || last is not { } before)
        {
            return;
        }

        if (CoreUse.Between(before.Cpu, now.Cpu, before.Seconds, now.Seconds - before.Seconds, Environment.ProcessorCount, before.Server, now.Server, before.Seeder, now.Seeder) is { } stretch)
        {
            stretches.Add(stretch);
        }

        last = now;
    }

    private Reading? Read() => CpuTimes.Read() is { } cpu
        ? new Reading(cpu, runSeconds(), serverSeconds(), Environment.CpuUsage.TotalTime.TotalSeconds)
        : null;

    private sealed record Reading(CpuTimes Cpu, double Seconds, double? Server, double Seeder);
}
