namespace Perf.Load.Model;

/// <summary>How load is generated.</summary>
internal enum LoadModelKind
{
    /// <summary>Arrivals follow a schedule regardless of responses (k6 arrival-rate executors); used for SLO gates.</summary>
    Open,

    /// <summary>A fixed number of workers each send the next request when the previous one returns; diagnostics only.</summary>
    Closed,
}
