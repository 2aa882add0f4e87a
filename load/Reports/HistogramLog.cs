using System.Globalization;
using Perf.Load.Measurement;

namespace Perf.Load.Reports;

/// <summary>Writes and reads HdrHistogram interval logs (<c>.hlog</c>, format 1.3) with invariant culture.</summary>
/// <remarks>
/// HdrHistogram.NET 2.5.0's own writer emits UTF-16 with culture-formatted numbers and its reader fails on large
/// histograms, so both directions are done here in the standard text format: ASCII, '.' decimals, one
/// <c>[Tag=NAME,]start,length,max,base64</c> line per interval, timestamps relative to <c>StartTime</c>, max in ms.
/// </remarks>
internal static class HistogramLog
{
    private const string ColumnHeader = "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"";

    /// <summary>Writes a complete log.</summary>
    public static void Write(TextWriter writer, DateTimeOffset startTime, IEnumerable<IntervalSnapshot> intervals, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(intervals);
        var inv = CultureInfo.InvariantCulture;
        if (comment is not null)
        {
            writer.Write("#[");
            writer.Write(comment);
            writer.Write("]\n");
        }

        var startSeconds = startTime.ToUnixTimeMilliseconds() / 1000.0;
        writer.Write("#[Histogram log format version 1.3]\n");
        writer.Write(string.Format(inv, "#[StartTime: {0:F3} (seconds since epoch), {1:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}]\n", startSeconds, startTime.UtcDateTime));
        writer.Write(ColumnHeader);
        writer.Write('\n');
        foreach (var interval in intervals)
        {
            if (interval.Tag is not null)
            {
                writer.Write("Tag=");
                writer.Write(interval.Tag);
                writer.Write(',');
            }

            var start = (interval.StartUnixMs / 1000.0) - startSeconds;
            var length = (interval.EndUnixMs - interval.StartUnixMs) / 1000.0;
            writer.Write(string.Format(inv, "{0:F3},{1:F3},{2:F3},", start, length, interval.MaxMs));
            writer.Write(interval.EncodedHistogram);
            writer.Write('\n');
        }
    }

    /// <summary>Reads every interval of a log; throws <see cref="FormatException"/> on a malformed line.</summary>
    public static IReadOnlyList<HistogramLogEntry> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<HistogramLogEntry>();
        double startTime = 0;
        double baseTime = 0;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith("\"StartTimestamp\"", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("#[StartTime: ", StringComparison.Ordinal))
            {
                startTime = ParseLeadingNumber(line["#[StartTime: ".Length..], lineNumber);
                continue;
            }

            if (line.StartsWith("#[BaseTime: ", StringComparison.Ordinal))
            {
                baseTime = ParseLeadingNumber(line["#[BaseTime: ".Length..], lineNumber);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            string? tag = null;
            var rest = line.AsSpan();
            if (rest.StartsWith("Tag="))
            {
                var comma = rest.IndexOf(',');
                if (comma < 0)
                {
                    throw new FormatException($"Interval log line {lineNumber}: tag without values.");
                }

                tag = rest[4..comma].ToString();
                rest = rest[(comma + 1)..];
            }

            var fields = rest.ToString().Split(',');
            if (fields.Length != 4)
            {
                throw new FormatException($"Interval log line {lineNumber}: expected 4 fields, found {fields.Length}.");
            }

            var start = ParseNumber(fields[0], lineNumber);
            var length = ParseNumber(fields[1], lineNumber);
            var histogram = HistogramCodec.Decode(fields[3]);
            var absoluteStart = (baseTime > 0 ? baseTime : startTime) + start;
            entries.Add(new HistogramLogEntry(tag, absoluteStart, length, histogram));
        }

        return entries;
    }

    private static double ParseLeadingNumber(string text, int lineNumber)
    {
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return ParseNumber(end < 0 ? text.TrimEnd(']') : text[..end], lineNumber);
    }

    private static double ParseNumber(string text, int lineNumber) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"Interval log line {lineNumber}: '{text}' is not a number.");
}
