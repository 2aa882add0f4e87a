namespace Perf.Seed;

/// <summary>The count of a phase that works on several tables side by side and learns each table's rows when it starts on it (a copy, an index build).</summary>
/// <remarks>Each change returns a consistent snapshot: a report with no table to come carries the final total.</remarks>
internal sealed class TableProgress(int tables)
{
    private readonly Lock gate = new();
    private long done;
    private long total;
    private int toCome = tables;

    /// <summary>A table joins the count with its <paramref name="rows"/>.</summary>
    public (long Done, long Total, int TablesToCome) Join(long rows)
    {
        lock (gate)
        {
            total += rows;
            toCome--;
            return (done, total, toCome);
        }
    }

    /// <summary><paramref name="rows"/> more are done.</summary>
    public (long Done, long Total, int TablesToCome) Add(long rows)
    {
        lock (gate)
        {
            done += rows;
            return (done, total, toCome);
        }
    }
}
