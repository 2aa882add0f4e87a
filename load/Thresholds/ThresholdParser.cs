using System.Globalization;
using Telemetry.CommandLine;

namespace Perf.Load.Thresholds;

/// <summary>Parses k6-like thresholds.</summary>
/// <remarks>
/// Forms: <c>p(95)&lt;500</c>, <c>trades:p(99)&lt;1s</c>, <c>http_req_failed&lt;0.01</c>, <c>errors&lt;0.1%</c>,
/// <c>dashboard:avg&lt;=200</c>, <c>http_req_duration{endpoint:trades}:p(95)&lt;300</c>,
/// <c>http_req_failed{scenario:dashboard}&lt;0.001</c>, <c>http_reqs:rate&gt;=50</c>. Durations default to ms
/// (<c>us</c>, <c>ms</c>, <c>s</c> accepted); rates are fractions or percentages.
/// </remarks>
internal static class ThresholdParser
{
    private static readonly string[] Operators = ["<=", ">=", "<", ">"];

    /// <summary>Parses one threshold or throws <see cref="UsageException"/> saying what is wrong.</summary>
    public static Threshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var expression = text.Trim();
        var (opIndex, opText) = FindOperator(expression);
        if (opIndex <= 0)
        {
            throw Malformed(text, "expected a comparison such as 'p(95)<500'");
        }

        var left = expression[..opIndex].Trim();
        var right = expression[(opIndex + opText.Length)..].Trim();
        var op = opText switch
        {
            "<=" => ThresholdOperator.LessOrEqual,
            ">=" => ThresholdOperator.GreaterOrEqual,
            "<" => ThresholdOperator.LessThan,
            _ => ThresholdOperator.GreaterThan,
        };

        var (selector, selectorName, metricName, aggregate) = SplitLeft(text, left);
        var (metric, percentile) = ResolveMetric(text, metricName, aggregate);
        var limit = ParseLimit(text, right, metric);
        return new Threshold(expression, selector, selectorName, metric, percentile, op, limit);
    }

    private static (int Index, string Operator) FindOperator(string expression)
    {
        for (var i = 0; i < expression.Length; i++)
        {
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(expression, i, op, 0, op.Length) == 0)
                {
                    return (i, op);
                }
            }
        }

        return (-1, string.Empty);
    }

    private static (SelectorKind Kind, string? Name, string? Metric, string Aggregate) SplitLeft(string text, string left)
    {
        var brace = left.IndexOf('{', StringComparison.Ordinal);
        if (brace >= 0)
        {
            var close = left.IndexOf('}', brace);
            if (close < 0)
            {
                throw Malformed(text, "missing '}'");
            }

            var metric = left[..brace].Trim();
            var tag = left[(brace + 1)..close].Split(':', 2, StringSplitOptions.TrimEntries);
            if (tag.Length != 2 || tag[1].Length == 0)
            {
                throw Malformed(text, "a tag filter looks like {endpoint:trades} or {scenario:dashboard}");
            }

            var kind = tag[0] switch
            {
                "endpoint" => SelectorKind.Endpoint,
                "scenario" => SelectorKind.Scenario,
                "name" => SelectorKind.Name,
                _ => throw Malformed(text, $"unknown tag '{tag[0]}' (use endpoint, scenario or name)"),
            };
            var rest = left[(close + 1)..].Trim();
            if (rest.Length > 0 && rest[0] != ':')
            {
                throw Malformed(text, "expected ':' after '}'");
            }

            return (kind, tag[1], metric, rest.TrimStart(':').Trim());
        }

        var parts = left.Split(':', StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            1 => (SelectorKind.All, null, null, parts[0]),
            2 when IsMetricName(parts[0]) => (SelectorKind.All, null, parts[0], parts[1]),
            2 => (SelectorKind.Name, RequireName(text, parts[0]), null, parts[1]),
            3 when IsMetricName(parts[1]) => (SelectorKind.Name, RequireName(text, parts[0]), parts[1], parts[2]),
            _ => throw Malformed(text, "expected [name:]aggregate, e.g. trades:p(95)<300"),
        };
    }

    private static string RequireName(string text, string name) =>
        name.Length == 0 ? throw Malformed(text, "empty name before ':'") : name;

    private static bool IsMetricName(string name) => name is "http_req_duration" or "http_req_failed" or "http_reqs";

    private static (ThresholdMetric Metric, double Percentile) ResolveMetric(string text, string? metricName, string aggregate)
    {
        if (metricName is null && IsMetricName(aggregate))
        {
            (metricName, aggregate) = (aggregate, string.Empty);
        }

        switch (metricName)
        {
            case "http_req_failed":
                return aggregate is "" or "rate"
                    ? (ThresholdMetric.FailedRate, 0)
                    : throw Malformed(text, "http_req_failed takes 'rate' only");
            case "http_reqs":
                return aggregate switch
                {
                    "count" => (ThresholdMetric.Count, 0),
                    "" or "rate" => (ThresholdMetric.RequestRate, 0),
                    _ => throw Malformed(text, "http_reqs takes 'count' or 'rate'"),
                };
            case "http_req_duration" when aggregate.Length == 0:
                throw Malformed(text, "http_req_duration needs an aggregate such as p(95)");
            default:
                break;
        }

        if (aggregate.StartsWith("p(", StringComparison.Ordinal) && aggregate.EndsWith(')'))
        {
            var inner = aggregate[2..^1];
            if (!double.TryParse(inner, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !double.IsFinite(p) || p is <= 0 or >= 100)
            {
                throw Malformed(text, $"percentile '{inner}' must be a number strictly between 0 and 100 (use max for the slowest request)");
            }

            return (ThresholdMetric.Percentile, p);
        }

        return aggregate switch
        {
            "avg" => (ThresholdMetric.Average, 0),
            "min" => (ThresholdMetric.Minimum, 0),
            "max" => (ThresholdMetric.Maximum, 0),
            "med" => (ThresholdMetric.Percentile, 50),
            "errors" or "rate" => (ThresholdMetric.FailedRate, 0),
            "rps" => (ThresholdMetric.RequestRate, 0),
            "count" => (ThresholdMetric.Count, 0),
            _ => throw Malformed(text, $"unknown aggregate '{aggregate}' (use p(N), avg, min, max, med, http_req_failed, errors, rps or count)"),
        };
    }

    private static double ParseLimit(string text, string right, ThresholdMetric metric)
    {
        var (number, scale) = metric switch
        {
            ThresholdMetric.FailedRate when right.EndsWith('%') => (right[..^1], 0.01),
            ThresholdMetric.FailedRate or ThresholdMetric.RequestRate or ThresholdMetric.Count => (right, 1.0),
            _ when right.EndsWith("ms", StringComparison.Ordinal) => (right[..^2], 1.0),
            _ when right.EndsWith("us", StringComparison.Ordinal) || right.EndsWith("µs", StringComparison.Ordinal) => (right[..^2], 0.001),
            _ when right.EndsWith('s') => (right[..^1], 1000.0),
            _ => (right, 1.0),
        };
        if (!double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
        {
            throw Malformed(text, $"limit '{right}' is not a non-negative number");
        }

        // A failure rate is a fraction: 'errors<5' meant as 5 % would be a limit no run can miss.
        if (metric == ThresholdMetric.FailedRate && value * scale > 1)
        {
            throw Malformed(text, $"a failure rate's limit is a fraction of 1 or a percentage ('0.05' or '5%'), and '{right}' is more than all requests");
        }

        return value * scale;
    }

    private static UsageException Malformed(string text, string why) =>
        new($"Malformed threshold '{text}': {why}.");
}
