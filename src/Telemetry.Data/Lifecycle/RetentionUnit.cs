namespace Telemetry.Data.Lifecycle;

/// <summary>The calendar unit of a <see cref="RetentionPeriod"/>.</summary>
public enum RetentionUnit
{
    /// <summary>Days of 24 hours.</summary>
    Days,

    /// <summary>Weeks of 7 days.</summary>
    Weeks,

    /// <summary>Calendar months (the day of month is kept, clamped to the month's length).</summary>
    Months,

    /// <summary>Calendar years.</summary>
    Years,
}
