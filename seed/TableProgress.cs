namespace Perf.Seed;

/// <summary>The count of a phase that works on several tables side by side and learns each table's rows when it starts on it (a copy, an index build).</summary>
/// <remarks>Each change returns a consistent snapshot: a report with no table to come carries the final total.</remarks>
internal sealed class TableProgress(int tables)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> estimates = [];
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
            return Snapshot();
        }
    }

    /// <summary><paramref name="rows"/> more are done; those of <paramref name="table"/>, when named, replace its estimate.</summary>
    public (long Done, long Total, int TablesToCome) Add(long rows, string? table = null)
    {
        lock (gate)
        {
            done += rows;
            if (table is not null)
            {
                estimates.Remove(table);
            }

            return Snapshot();
        }
    }

    /// <summary><paramref name="table"/>, still being worked on in one statement, is estimated at <paramref name="rows"/> done until its <see cref="Add"/>.</summary>
    public (long Done, long Total, int TablesToCome) Estimate(string table, long rows)
    {
        lock (gate)
        {
            estimates[table] = rows;
            return Snapshot();
        }
    }

    private (long Done, long Total, int TablesToCome) Snapshot() => (done + estimates.Values.Sum(), total, toCome);
}
