namespace Perf.Load.Thresholds;

/// <summary>How the measured value is compared with the limit.</summary>
internal enum ThresholdOperator
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}
