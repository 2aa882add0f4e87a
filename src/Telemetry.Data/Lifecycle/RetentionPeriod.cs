using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemetry.Data.Lifecycle;

/// <summary>How long rows stay in a live table, e.g. <c>90d</c>, <c>12w</c>, <c>18mo</c>, <c>1y</c>.</summary>
/// <remarks>
/// A row whose time is strictly before <see cref="CutoffBefore"/> is past retention; a row exactly at the cutoff stays.
/// Months and years are calendar units, so "1y" on 2025-03-01 keeps everything from 2024-03-01 00:00.
/// </remarks>
public sealed partial record RetentionPeriod
{
    /// <summary>The longest period accepted; anything longer is almost certainly a typo.</summary>
    public const int MaxYears = 100;

    /// <summary>Creates a period after checking it is positive and at most <see cref="MaxYears"/> years.</summary>
    /// <remarks>Each unit has its own limit: 100 years is 1,200 months, 5,217 whole weeks or 36,525 days (a Julian century).</remarks>
    public RetentionPeriod(int amount, RetentionUnit unit)
    {
        var most = unit switch
        {
            RetentionUnit.Days => MaxYears * 36525L / 100,
            RetentionUnit.Weeks => MaxYears * 36525L / 100 / 7,
            RetentionUnit.Months => MaxYears * 12L,
            RetentionUnit.Years => MaxYears,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
        };
        if (amount <= 0 || amount > most)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A retention period must be positive and at most {MaxYears} years.");
        }

        Amount = amount;
        Unit = unit;
    }

    /// <summary>How many units.</summary>
    public int Amount { get; }

    /// <summary>The unit.</summary>
    public RetentionUnit Unit { get; }

    /// <summary>The first instant that is still kept at <paramref name="now"/>; older rows are past retention.</summary>
    public DateTime CutoffBefore(DateTime now) => Unit switch
    {
        RetentionUnit.Days => now.AddDays(-Amount),
        RetentionUnit.Weeks => now.AddDays(-7 * Amount),
        RetentionUnit.Months => now.AddMonths(-Amount),
        RetentionUnit.Years => now.AddYears(-Amount),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Parses <c>&lt;n&gt;d</c>, <c>&lt;n&gt;w</c>, <c>&lt;n&gt;mo</c> or <c>&lt;n&gt;y</c> (long unit names such as <c>90days</c> work too).</summary>
    /// <exception cref="FormatException">The text is not a positive period of at most <see cref="MaxYears"/> years.</exception>
    public static RetentionPeriod Parse(string text)
    {
        if (TryParse(text, out var period, out var error))
        {
            return period;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/>, returning the reason on failure.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RetentionPeriod? period, out string? error)
    {
        period = null;
        var match = text is null ? null : PeriodPattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            error = $"'{text}' is not a retention period: write a positive number and a unit, e.g. 90d, 12w, 18mo or 1y.";
            return false;
        }

        if (!int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            error = $"'{text}' is not a retention period: the amount must be a positive whole number.";
            return false;
        }

        var unit = match.Groups["u"].Value.ToUpperInvariant() switch
        {
            "D" or "DAY" or "DAYS" => RetentionUnit.Days,
            "W" or "WEEK" or "WEEKS" => RetentionUnit.Weeks,
            "MO" or "MONTH" or "MONTHS" => RetentionUnit.Months,
            _ => RetentionUnit.Years,
        };
        try
        {
            period = new RetentionPeriod(amount, unit);
        }
        catch (ArgumentOutOfRangeException)
        {
            error = $"'{text}' is not a retention period: it must be at most {MaxYears} years.";
            return false;
        }

        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Unit switch
    {
        RetentionUnit.Days => string.Create(CultureInfo.InvariantCulture, $"{Amount}d"),
        RetentionUnit.Weeks => string.Create(CultureInfo.InvariantCulture, $"{Amount}w"),
        RetentionUnit.Months => string.Create(CultureInfo.InvariantCulture, $"{Amount}mo"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Amount}y"),
    };

    [GeneratedRegex(@"^(?<n>\d{1,9})\s*(?<u>d|days?|w|weeks?|mo|months?|y|years?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
