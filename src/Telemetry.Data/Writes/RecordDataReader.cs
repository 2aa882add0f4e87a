using System.Collections;
using System.Data.Common;

namespace Telemetry.Data.Writes;

/// <summary>Streams a sequence of records as a <see cref="DbDataReader"/>, so bulk copy never holds the rows in memory.</summary>
/// <typeparam name="T">The record type.</typeparam>
#pragma warning disable CA1010 // DbDataReader is non-generic IEnumerable by design; callers use Read().
public sealed class RecordDataReader<T> : DbDataReader
#pragma warning restore CA1010
{
    private readonly IEnumerator<T> _rows;
    private readonly IReadOnlyList<RecordColumn<T>> _columns;
    private T? _current;
    private bool _closed;

    /// <summary>Wraps <paramref name="rows"/>; each column reads one value of the current record.</summary>
    public RecordDataReader(IEnumerable<T> rows, IReadOnlyList<RecordColumn<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows.GetEnumerator();
        _columns = columns;
    }

    /// <summary>How many rows have been read so far.</summary>
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public override bool Read()
    {
        if (!_rows.MoveNext())
        {
            return false;
        }

        _current = _rows.Current;
        RowsRead++;
        return true;
    }

    /// <inheritdoc />
    public override object GetValue(int ordinal) => _columns[ordinal].Read(_current!) ?? DBNull.Value;

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, _columns.Count);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    /// <inheritdoc />
    public override int FieldCount => _columns.Count;

    /// <inheritdoc />
    public override string GetName(int ordinal) => _columns[ordinal].Name;

    /// <inheritdoc />
    public override int GetOrdinal(string name) => _columns.ToList().FindIndex(c => c.Name == name);

    /// <inheritdoc />
    public override Type GetFieldType(int ordinal) => _columns[ordinal].Type;

    /// <inheritdoc />
    public override string GetDataTypeName(int ordinal) => _columns[ordinal].Type.Name;

    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => _columns[ordinal].Read(_current!) is null;

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <inheritdoc />
    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    /// <inheritdoc />
    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);

    /// <inheritdoc />
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    /// <inheritdoc />
    public override char GetChar(int ordinal) => (char)GetValue(ordinal);

    /// <inheritdoc />
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    /// <inheritdoc />
    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    /// <inheritdoc />
    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    /// <inheritdoc />
    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);

    /// <inheritdoc />
    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);

    /// <inheritdoc />
    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    /// <inheritdoc />
    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);

    /// <inheritdoc />
    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);

    /// <inheritdoc />
    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);

    /// <inheritdoc />
    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override bool HasRows => true;

    /// <inheritdoc />
    public override bool IsClosed => _closed;

    /// <inheritdoc />
    public override int RecordsAffected => -1;

    /// <inheritdoc />
    public override bool NextResult() => false;

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Close()
    {
        _closed = true;
        _rows.Dispose();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }
}
