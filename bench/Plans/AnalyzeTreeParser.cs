using System.Globalization;
using System.Text.RegularExpressions;

namespace Perf.Bench.Plans;

/// <summary>Reads MySQL 8's <c>EXPLAIN ANALYZE</c> tree text into a <see cref="ParsedPlan"/>.</summary>
/// <remarks>
/// Each line is one iterator: <c>-&gt; Index range scan on t using idx over (...) (cost=.. rows=..) (actual time=a..b rows=r loops=l)</c>.
/// Leaf iterators that read a table are the accesses; their actual rows times loops are the rows examined. The tree
/// carries no partition names: take those from <c>EXPLAIN FORMAT=JSON</c>.
/// </remarks>
public static partial class AnalyzeTreeParser
{
    /// <summary>Parses one tree.</summary>
    /// <exception cref="FormatException">The text holds no iterator lines.</exception>
    public static ParsedPlan Parse(string tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var tables = new List<TableAccess>();
        var filesort = false;
        var temporary = false;
        long? rootRows = null;
        double? rootTime = null;
        var lines = 0;
        foreach (var rawLine in tree.Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith("->", StringComparison.Ordinal))
            {
                continue;
            }

            line = line[2..].TrimStart();
            var (rows, loops, lastTime) = Actual(line);
            if (lines++ == 0)
            {
                rootRows = rows is null ? null : (long)Math.Round(rows.Value * loops);
                rootTime = lastTime;
            }

            // "Sort: ..." and "Sort row IDs: ..." are both a filesort.
            if (line.StartsWith("Sort", StringComparison.Ordinal))
            {
                filesort = true;
                continue;
            }

            if (line.StartsWith("Aggregate using temporary table", StringComparison.Ordinal)
                || line.StartsWith("Temporary table", StringComparison.Ordinal)
                || line.StartsWith("Materialize", StringComparison.Ordinal)
                || line.Contains("<temporary>", StringComparison.Ordinal))
            {
                temporary = true;
                continue;
            }

            var access = Access(line);
            if (access is not null)
            {
                var estimated = Estimated(line);
                tables.Add(access with { RowsEstimated = estimated, RowsActual = rows is null ? null : rows.Value * loops });
            }
        }

        if (lines == 0)
        {
            throw new FormatException("The text holds no EXPLAIN ANALYZE iterator lines ('-> ...').");
        }

        return new ParsedPlan(tables, filesort, temporary, rootRows, rootTime);
    }

    private static TableAccess? Access(string line)
    {
        var match = AccessPattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var kind = match.Groups["kind"].Value;
        var covering = kind.StartsWith("Covering", StringComparison.Ordinal);
        var accessType = kind switch
        {
            "Table scan" => "ALL",
            "Index scan" or "Covering index scan" => "index",
            "Index range scan" or "Covering index range scan" or "Index skip scan" or "Covering index skip scan" => "range",
            "Index lookup" or "Covering index lookup" => "ref",
            "Single-row index lookup" or "Single-row covering index lookup" => "eq_ref",
            _ => kind,
        };
        var index = match.Groups["index"].Success ? match.Groups["index"].Value : null;
        return new TableAccess(match.Groups["table"].Value, accessType, index, [], [], null, null, covering);
    }

    private static (double? Rows, double Loops, double? LastTime) Actual(string line)
    {
        if (line.Contains("(never executed)", StringComparison.Ordinal))
        {
            return (0, 0, 0);
        }

        var match = ActualPattern().Match(line);
        if (!match.Success)
        {
            return (null, 1, null);
        }

        return (ParseNumber(match.Groups["rows"].Value), ParseNumber(match.Groups["loops"].Value), ParseNumber(match.Groups["last"].Value));
    }

    private static double? Estimated(string line)
    {
        var match = EstimatePattern().Match(line);
        return match.Success ? ParseNumber(match.Groups["rows"].Value) : null;
    }

    private static double ParseNumber(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<kind>Table scan|Covering index scan|Index scan|Covering index range scan|Index range scan|Covering index skip scan|Index skip scan|Covering index lookup|Index lookup|Single-row covering index lookup|Single-row index lookup) on (?<table>[^\s(]+)(?: using (?<index>[^\s(]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex AccessPattern();

    [GeneratedRegex(@"\(actual time=(?<first>[0-9.e+-]+)\.\.(?<last>[0-9.e+-]+) rows=(?<rows>[0-9.e+-]+) loops=(?<loops>[0-9]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ActualPattern();

    [GeneratedRegex(@"\(cost=[0-9.e+-]+(?:\.\.[0-9.e+-]+)? rows=(?<rows>[0-9.e+-]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex EstimatePattern();
}
