using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Perf.Seed.Generation;

/// <summary>Everything that decides a dataset's content: the same spec and generator version give the same rows everywhere.</summary>
/// <param name="Seed">The master random seed.</param>
/// <param name="Profiles">How many trading profiles (ids 1..N).</param>
/// <param name="From">The first day (UTC) of the range.</param>
/// <param name="To">The day after the last day (exclusive).</param>
/// <param name="Trades">How many trades in total.</param>
/// <param name="Symbols">The size of the symbol universe.</param>
/// <param name="HealthIntervalMinutes">Minutes between health samples of one script; 0 writes no health rows.</param>
/// <param name="Metrics">Whether <c>dd_telemetry_metrics</c> holds the windows rolled up from the rows (false: <c>--no-metrics</c>, the table stays empty).</param>
public sealed record DatasetSpec(long Seed, int Profiles, DateOnly From, DateOnly To, long Trades, int Symbols, int HealthIntervalMinutes, bool Metrics = true)
{
    /// <summary>Bumped whenever generation changes (a Bogus upgrade included), so stored datasets of an older generator are never mistaken for current ones.</summary>
    public const string GeneratorVersion = "3";

    /// <summary>The parameters as one canonical line, stored with the dataset.</summary>
    /// <remarks>A dataset without metric windows says so, so that a run that wants them never takes it for complete; with them the line is what it always was.</remarks>
    public string Canonical => string.Create(CultureInfo.InvariantCulture,
        $"v={GeneratorVersion};seed={Seed};profiles={Profiles};from={From:yyyy-MM-dd};to={To:yyyy-MM-dd};trades={Trades};symbols={Symbols};health={HealthIntervalMinutes}{(Metrics ? string.Empty : ";metrics=none")}");

    /// <summary>A short hash of <see cref="Canonical"/>: two datasets with the same fingerprint hold the same rows.</summary>
    public string Fingerprint => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(Canonical)));

    /// <summary>The first instant of the range.</summary>
    public DateTime FromUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first instant after the range.</summary>
    public DateTime ToUtc => To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
