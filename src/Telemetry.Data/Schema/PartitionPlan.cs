using System.Globalization;

namespace Telemetry.Data.Schema;

/// <summary>The monthly partitions of a partitioned table: one per month from <see cref="FirstMonth"/> to <see cref="LastMonth"/>.</summary>
/// <remarks>
/// <c>RANGE COLUMNS</c> on the DATETIME column prunes a date range to exactly the months it touches (the document's
/// <c>UNIX_TIMESTAMP</c> form is rejected on DATETIME and <c>YEAR*100+MONTH</c> prunes only equalities).
/// A leading <c>p_before</c> and a trailing <c>p_future</c> (MAXVALUE) partition catch strays and are meant to stay empty.
/// </remarks>
public sealed record PartitionPlan
{
    /// <summary>Creates a plan; both months are normalized to their first day.</summary>
    public PartitionPlan(DateOnly firstMonth, DateOnly lastMonth)
    {
        FirstMonth = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        LastMonth = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        if (LastMonth < FirstMonth)
        {
            throw new ArgumentException("The last month precedes the first month.", nameof(lastMonth));
        }
    }

    /// <summary>The first month with its own partition.</summary>
    public DateOnly FirstMonth { get; }

    /// <summary>The last month with its own partition.</summary>
    public DateOnly LastMonth { get; }

    /// <summary>Name of the partition before <see cref="FirstMonth"/>.</summary>
    public const string BeforePartition = "p_before";

    /// <summary>Name of the MAXVALUE catch-all partition.</summary>
    public const string FuturePartition = "p_future";

    /// <summary>A plan covering <paramref name="from"/> to <paramref name="to"/> plus <paramref name="monthsAhead"/> months ahead of <paramref name="to"/>.</summary>
    public static PartitionPlan Covering(DateTime from, DateTime to, int monthsAhead) =>
        new(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to).AddMonths(monthsAhead));

    /// <summary>The month partitions in order.</summary>
    public IEnumerable<DateOnly> Months
    {
        get
        {
            for (var month = FirstMonth; month <= LastMonth; month = month.AddMonths(1))
            {
                yield return month;
            }
        }
    }

    /// <summary>The partition name of a month, e.g. <c>p2024_01</c>.</summary>
    public static string PartitionName(DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"p{month.Year:D4}_{month.Month:D2}");

    /// <summary>The upper bound literal of a month partition (the first instant of the next month).</summary>
    public static string UpperBound(DateOnly month) =>
        month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00";

    /// <summary>The definition of one month partition, as used in <c>CREATE TABLE</c> and <c>REORGANIZE PARTITION</c>.</summary>
    public static string MonthPartitionClause(DateOnly month) => $"PARTITION {PartitionName(month)} VALUES LESS THAN ('{UpperBound(month)}')";

    /// <summary>The <c>PARTITION BY</c> clause for a table ranged by <paramref name="timeColumn"/>.</summary>
    public string ToClause(string timeColumn)
    {
        var parts = new List<string>
        {
            $"PARTITION {BeforePartition} VALUES LESS THAN ('{FirstMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00"}')",
        };
        parts.AddRange(Months.Select(MonthPartitionClause));
        parts.Add($"PARTITION {FuturePartition} VALUES LESS THAN (MAXVALUE)");
        return $"PARTITION BY RANGE COLUMNS(`{timeColumn}`) (\n  {string.Join(",\n  ", parts)}\n)";
    }
}
