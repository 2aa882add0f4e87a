using MySqlConnector;
using Perf.Seed;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Tests.Seed;

public sealed class LoadDataTextTests
{
    private sealed record Row(long Id, string? Name, DateTime At, decimal Amount, double Ratio);

    private static readonly IReadOnlyList<RecordColumn<Row>> Columns =
    [
        new("id", typeof(long), r => r.Id),
        new("name", typeof(string), r => r.Name),
        new("at", typeof(DateTime), r => r.At),
        new("amount", typeof(decimal), r => r.Amount),
        new("ratio", typeof(double), r => r.Ratio),
    ];

    [Fact]
    public void Write_FieldsAsLoadDataReadsThem_SeparatorsAndBackslashEscaped_NullAsBackslashN_LoaderReadsTheSameColumns()
    {
        var text = new LoadDataText<Row>(Columns);
        using var writer = new StringWriter();

        text.Write(writer, new Row(42, "plain", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560), -12.500m, 0.1));
        text.Write(writer, new Row(-1, "tab\there\nnewline\\slash", DateTime.MinValue, 0m, 1e21));
        text.Write(writer, new Row(0, null, new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), 1234567890.123456m, -2.5));

        Assert.Equal(
            "42\tplain\t2026-01-02 03:04:05.123456\t-12.500\t0.1\n"
            + "-1\ttab\\there\\nnewline\\\\slash\t0001-01-01 00:00:00.000000\t0\t1E+21\n"
            + "0\t\\N\t2026-12-31 23:59:59.999999\t1234567890.123456\t-2.5\n",
            writer.ToString());
        using var connection = new MySqlConnection();
        var loader = text.Loader(connection, TelemetryTable.Trades, Stream.Null);
        Assert.Equal(["`id`", "`name`", "`at`", "`amount`", "`ratio`"], loader.Columns);
        Assert.Equal(("\t", "\n", "`dd_trade_performance`"), (loader.FieldTerminator, loader.LineTerminator, loader.TableName));
    }

    [Fact]
    public void Write_ValueWithoutTextForm_Throws_NamingTheColumn()
    {
        var text = new LoadDataText<Row>([new("flag", typeof(bool), _ => true)]);

        var error = Assert.Throws<NotSupportedException>(() => text.Write(TextWriter.Null, new Row(1, null, default, 0, 0)));
        Assert.Contains("flag", error.Message, StringComparison.Ordinal);
    }
}
