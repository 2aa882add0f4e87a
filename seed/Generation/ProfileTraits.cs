namespace Perf.Seed.Generation;

/// <summary>One trading profile (an account): how active it is, from when, what it trades and which scripts report its health.</summary>
/// <param name="ProfileId">The <c>profile_id</c> value.</param>
/// <param name="Weight">Relative activity (a few profiles trade far more than the rest).</param>
/// <param name="StartDay">Index of the first trading day the profile is active.</param>
/// <param name="Watchlist">Indexes into the symbol universe, most traded first.</param>
/// <param name="TradeTypeCumulative">Cumulative weights over the trade styles.</param>
/// <param name="Notional">Typical position size in currency units.</param>
/// <param name="Scripts">The scripts reporting health, the strategy's script first.</param>
/// <param name="Messages">The messages its scripts report when degraded or failing.</param>
internal sealed record ProfileTraits(
    int ProfileId,
    double Weight,
    int StartDay,
    int[] Watchlist,
    double[] TradeTypeCumulative,
    double Notional,
    ScriptTraits[] Scripts,
    HealthMessages Messages);
