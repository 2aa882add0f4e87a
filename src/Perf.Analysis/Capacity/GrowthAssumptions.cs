using System.Globalization;

namespace Perf.Analysis.Capacity;

/// <summary>The reader's own numbers a report projects with (<c>--profiles</c>, <c>--trades-per-day</c>, <c>--years</c>).</summary>
/// <param name="Profiles">Trading profiles (clients) writing trades.</param>
/// <param name="TradesPerDayPerProfile">Trades per profile per day.</param>
/// <param name="Years">The projection horizon in years.</param>
/// <param name="StartDate">The day the projection starts.</param>
/// <param name="StartRows">Trade rows already stored on <paramref name="StartDate"/>.</param>
public sealed record GrowthAssumptions(int Profiles, double TradesPerDayPerProfile, double Years, DateOnly StartDate, long StartRows = 0)
{
    /// <summary>Days in an average Gregorian year.</summary>
    public const double DaysPerYear = 365.2425;

    /// <summary>New trade rows per day across all profiles.</summary>
    public double RowsPerDay => Profiles * TradesPerDayPerProfile;

    /// <summary>
    /// Trades per trading day across <paramref name="profiles"/> profiles that each add this reader's trades per calendar day:
    /// the seeder writes trades on weekdays only, 5 of every 7 days.
    /// </summary>
    public double TradesPerTradingDay(int profiles) => profiles * TradesPerDayPerProfile * 7 / 5;

    /// <summary>The last day of the horizon: whole calendar years, then the fraction in average days.</summary>
    public DateOnly EndDate
    {
        get
        {
            var whole = (int)Math.Floor(Years);
            return StartDate.AddYears(whole).AddDays((int)Math.Round((Years - whole) * DaysPerYear));
        }
    }

    /// <summary>Trade rows stored on <paramref name="date"/>.</summary>
    public double RowsOn(DateOnly date) => StartRows + (RowsPerDay * (date.DayNumber - StartDate.DayNumber));

    /// <summary>True when the table holds <paramref name="rows"/> trade rows on the first day already: what is measured at that size is the reader's today.</summary>
    public bool HoldsToday(double rows) => rows <= StartRows;

    /// <summary>The first day on which the table holds <paramref name="rows"/> trade rows, or null when it never grows.</summary>
    public DateOnly? DateReaching(double rows)
    {
        if (HoldsToday(rows))
        {
            return StartDate;
        }

        if (RowsPerDay <= 0)
        {
            return null;
        }

        var days = Math.Ceiling((rows - StartRows) / RowsPerDay);
        return days > DateOnly.MaxValue.DayNumber - StartDate.DayNumber ? null : StartDate.AddDays((int)days);
    }

    /// <summary>Checks that the numbers make sense.</summary>
    public void Validate()
    {
        if (Profiles <= 0 || TradesPerDayPerProfile < 0 || !double.IsFinite(TradesPerDayPerProfile) || !(Years is > 0 and <= 100) || StartRows < 0)
        {
            throw new ArgumentException("Projection needs profiles > 0, trades per day ≥ 0, 0 < years ≤ 100 and start rows ≥ 0.");
        }

        // Checked here, not met after a sweep's hours of measuring: the report dates every year of the horizon and counts its rows.
        if (StartDate.Year + Math.Ceiling(Years) > DateOnly.MaxValue.Year)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Projection from {StartDate:yyyy-MM-dd} over {Years} years runs past the year {DateOnly.MaxValue.Year}: give an earlier --start or fewer --years."));
        }

        if (StartRows + (RowsPerDay * DaysPerYear * Years) >= long.MaxValue)
        {
            throw new ArgumentException("Projection's rows over --years (--profiles × --trades-per-day a day) are more than a table can count: give fewer.");
        }
    }
}
