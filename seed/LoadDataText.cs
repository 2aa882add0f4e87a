using System.Globalization;
using System.Text;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed;

/// <summary>Writes rows in LOAD DATA's default text format: fields separated by tabs, a line per row, <c>\N</c> for null, and tab, newline and backslash escaped with a backslash.</summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class LoadDataText<T>(IReadOnlyList<RecordColumn<T>> columns)
{
    private readonly StringBuilder line = new(256);

    /// <summary>A <c>LOAD DATA LOCAL</c> of rows in this format from <paramref name="source"/> into <paramref name="table"/>, the columns in this format's order.</summary>
    /// <remarks>A stream, not a file name: MySqlConnector sends a named local file only over verified TLS.</remarks>
    public MySqlBulkLoader Loader(MySqlConnection connection, TelemetryTable table, Stream source)
    {
        var loader = new MySqlBulkLoader(connection)
        {
            Local = true,
            TableName = $"`{table.Name}`",
            FieldTerminator = "\t",
            LineTerminator = "\n",
            Timeout = 0,
            SourceStream = source,
        };
        loader.Columns.AddRange(columns.Select(c => $"`{c.Name}`"));
        return loader;
    }

    /// <summary>
    /// Loads the lines <paramref name="source"/> holds into <paramref name="table"/> on the caller's connection and
    /// transaction, checked: LOAD DATA turns a bad value or a duplicate key into a warning and skips or changes the row.
    /// </summary>
    /// <returns>The rows inserted: <paramref name="rows"/>.</returns>
    /// <exception cref="BulkWriteException">The server raised a warning or inserted other than <paramref name="rows"/> rows; the caller's transaction must be rolled back.</exception>
    public async Task<long> LoadAsync(MySqlConnection connection, MySqlTransaction? transaction, TelemetryTable table, Stream source, long rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var inserted = await Loader(connection, table, source).LoadAsync(cancellationToken).ConfigureAwait(false);
        var warnings = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT @@warning_count", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (warnings != 0 || inserted != rows)
        {
            throw new BulkWriteException(string.Create(CultureInfo.InvariantCulture,
                $"Loading {table.Name} inserted {inserted} of {rows} rows with {warnings} warning(s)."));
        }

        return inserted;
    }

    /// <summary>Appends one row as one line.</summary>
    public void Write(TextWriter writer, T row)
    {
        line.Clear();
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                line.Append('\t');
            }

            switch (columns[i].Read(row))
            {
                case null:
                    line.Append("\\N");
                    break;
                case string text:
                    AppendEscaped(text);
                    break;
                case DateTime time:
                    AppendTime(time);
                    break;
                case ISpanFormattable number:
                    // Formats into the builder: no string per value.
                    line.Append(CultureInfo.InvariantCulture, $"{number}");
                    break;
                case var other:
                    throw new NotSupportedException($"Column {columns[i].Name}: no text form for {other.GetType().Name}.");
            }
        }

        line.Append('\n');
        writer.Write(line);
    }

    /// <summary>Appends <c>yyyy-MM-dd HH:mm:ss.ffffff</c>, digit by digit: a custom format string is parsed again on every call, and the metric spill writes two per row.</summary>
    private void AppendTime(DateTime time)
    {
        Span<char> text = stackalloc char[26];
        time.Deconstruct(out int year, out int month, out int day);
        Digits(text[..4], year);
        text[4] = '-';
        Digits(text[5..7], month);
        text[7] = '-';
        Digits(text[8..10], day);
        text[10] = ' ';
        Digits(text[11..13], time.Hour);
        text[13] = ':';
        Digits(text[14..16], time.Minute);
        text[16] = ':';
        Digits(text[17..19], time.Second);
        text[19] = '.';
        Digits(text[20..], (int)(time.Ticks % TimeSpan.TicksPerSecond / 10));
        line.Append(text);

        static void Digits(Span<char> target, int value)
        {
            for (var i = target.Length - 1; i >= 0; i--)
            {
                (value, var digit) = Math.DivRem(value, 10);
                target[i] = (char)('0' + digit);
            }
        }
    }

    private void AppendEscaped(string text)
    {
        if (text.AsSpan().IndexOfAny('\t', '\n', '\\') < 0)
        {
            line.Append(text);
            return;
        }

        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }
    }
}
