using System.Globalization;

namespace Perf.Load.Faults;

/// <summary>A database restart injected during a run (<c>load run --restart-db-at</c>) and what the API's readiness did around it.</summary>
/// <param name="DownUtc">When the restart began (the server stopping).</param>
/// <param name="UpUtc">When the server answered again.</param>
/// <param name="UnreadyUtc">When the API's <c>/readyz</c> was first seen failing, or null when no poll saw it fail.</param>
/// <param name="ReadyAgainUtc">When <c>/readyz</c> answered 200 again after that, or null when it did not within the wait.</param>
internal sealed record DatabaseOutage(DateTimeOffset DownUtc, DateTimeOffset UpUtc, DateTimeOffset? UnreadyUtc, DateTimeOffset? ReadyAgainUtc)
{
    /// <summary>The span to shade on a timeline, in seconds since <paramref name="measuredStart"/>: from the restart to the API ready again (or the server up).</summary>
    public (double From, double To) Window(DateTimeOffset measuredStart) =>
        (Seconds(DownUtc, measuredStart), Seconds(ReadyAgainUtc ?? UpUtc, measuredStart));

    /// <summary>One sentence for the report, times in seconds since <paramref name="measuredStart"/>.</summary>
    public string Describe(DateTimeOffset measuredStart)
    {
        var c = CultureInfo.InvariantCulture;
        var restart = string.Create(c, $"Database restarted {Seconds(DownUtc, measuredStart):0.0}–{Seconds(UpUtc, measuredStart):0.0} s into the measured period");
        var readiness = (UnreadyUtc, ReadyAgainUtc) switch
        {
            (null, _) => "no /readyz poll (every 100 ms) saw the API unready",
            ({ } unready, null) => string.Create(c, $"/readyz unready from {Seconds(unready, measuredStart):0.0} s and NOT ready again within {DatabaseRestart.ReadyWait.TotalSeconds:0} s"),
            ({ } unready, { } ready) => string.Create(c, $"/readyz unready from {Seconds(unready, measuredStart):0.0} s, ready again at {Seconds(ready, measuredStart):0.0} s without restarting the API"),
        };
        return $"{restart}; {readiness}.";
    }

    private static double Seconds(DateTimeOffset at, DateTimeOffset measuredStart) => (at - measuredStart).TotalSeconds;
}
