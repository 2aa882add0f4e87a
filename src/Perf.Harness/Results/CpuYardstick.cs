using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Perf.Harness.Results;

/// <summary>The machine's speed at the start and end of a run: the median time of a fixed CPU workload, the same on every machine and every run.</summary>
/// <remarks>
/// On a shared VM the same run can take twice as long minutes later with no process on the machine to blame (the host's
/// other tenants), and absolute latencies, and every projection from them, move with it. Two runs whose yardsticks
/// differ measured on different machines in effect; their absolute figures do not compare, their within-run
/// comparisons still do. The converse does not hold: it times one core's arithmetic, not the memory, disk and
/// neighbours database work also waits on, and the same medium seed took 460.5 s with it at 4.65-4.68 ms and 524.4-547.6 s
/// at 4.92-5.18 ms on the same host class, its server spending 7 % more CPU on the same statements
/// (results/2026-12-07-seed-medium-amd). Equal yardsticks do not make absolute figures comparable.
/// </remarks>
/// <param name="AtStartMs">Milliseconds of the workload when the run started.</param>
/// <param name="AtEndMs">Milliseconds when it ended, once it has.</param>
public sealed record CpuYardstick(double AtStartMs, double? AtEndMs)
{
    private const int Repetitions = 5;
    private static readonly byte[] Block = new byte[1 << 20];

    /// <summary>The workload's median milliseconds now: SHA-256 over 8 MiB, five times.</summary>
    public static double MeasureMs()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var times = new double[Repetitions];
        for (var r = 0; r < Repetitions; r++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < 8; i++)
            {
                SHA256.HashData(Block, hash);
            }

            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return Math.Round(times[Repetitions / 2], 2);
    }

    /// <summary>One line for reports.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{AtStartMs:0.##} ms at the start{(AtEndMs is { } end ? $", {end:0.##} ms at the end" : string.Empty)} (SHA-256 of 8 MiB, median of {Repetitions}; more ms is a slower or busier machine)");
}
