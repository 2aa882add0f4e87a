using System.Collections.Concurrent;
using System.Text;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed;

/// <summary>
/// The metric windows of a load, rolled up from its chunks while they load and written to a temporary file, so that the
/// metrics then go in as one plain LOAD DATA of that file instead of generating every chunk again.
/// </summary>
/// <remarks>
/// Chunks are aggregated on the thread pool, a bounded number ahead, and combined in order by one writer: the same rows in
/// the same order as <see cref="MetricRollup"/> gives when the chunks are generated again (the fallback after an
/// interrupted load). On Unix the file is unlinked as soon as it is open, so even a killed run leaves nothing behind.
/// </remarks>
internal sealed class MetricWindowSpill : IDisposable
{
    /// <summary>Rows loaded between progress reports.</summary>
    private const long ReportEvery = 100_000;

    private readonly DatasetPlan plan;
    private readonly LoadDataText<AggregatedMetric> text = new(TelemetryColumns.Metrics);
    private readonly BlockingCollection<Task<MetricRollup.ChunkWindows>> pending;
    private readonly CancellationTokenSource failed = new();
    private readonly FileStream file;
    private readonly string path;
    private readonly Task writing;
    private int added;
    private long rows;

    /// <param name="plan">The dataset's plan; every one of its chunks must be added, in order.</param>
    /// <param name="ahead">Chunks aggregated ahead of the writer (each holds its generated rows until then).</param>
    /// <param name="directory">Where the file is written.</param>
    /// <exception cref="SeedException">The file cannot be created there.</exception>
    public MetricWindowSpill(DatasetPlan plan, int ahead, string directory)
    {
        this.plan = plan;
        path = Path.Combine(directory, $"perf-seed-metrics-{Guid.NewGuid():N}.tsv");
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failed(ex);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        pending = new BlockingCollection<Task<MetricRollup.ChunkWindows>>(Math.Max(1, ahead));

        writing = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Takes the next loaded chunk (trades and health rows); blocks while <c>ahead</c> chunks are still being aggregated.</summary>
    public void Add(GeneratedChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Plan.Index != added)
        {
            throw new InvalidOperationException($"Chunk {chunk.Plan.Index} added where chunk {added} is next.");
        }

        added++;
        try
        {
            pending.Add(Task.Run(() => MetricRollup.Aggregate(chunk)), failed.Token);
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            writing.GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Waits for the last windows, then loads the file into <c>dd_telemetry_metrics</c> on the caller's connection and transaction.</summary>
    /// <param name="progress">Called with the rows loaded so far and the rows in the file.</param>
    /// <returns>The rows inserted: every row of the file, checked.</returns>
    /// <exception cref="BulkWriteException">The server skipped or changed a row (a warning) or inserted fewer rows than the file holds.</exception>
    public async Task<long> LoadAsync(MySqlConnection connection, MySqlTransaction transaction, Action<long, long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(progress);
        pending.CompleteAdding();
        await writing.ConfigureAwait(false);
        if (added != plan.Chunks.Count)
        {
            throw new InvalidOperationException($"The metric windows cover {added} of the dataset's {plan.Chunks.Count} chunks.");
        }

        file.Position = 0;
        progress(0, rows);
        var inserted = await text.LoadAsync(connection, transaction, TelemetryTable.Metrics, new LineCountingStream(file, lines => progress(lines, rows)), rows, cancellationToken).ConfigureAwait(false);
        progress(rows, rows);
        return inserted;
    }

    /// <summary>Stops the writer (after the chunks already taken) and removes the file.</summary>
    public void Dispose()
    {
        pending.CompleteAdding();
        try
        {
            writing.Wait();
        }
        catch (AggregateException)
        {
            // Already raised to the loader by Add or LoadAsync; here only the file is left to remove.
        }

        file.Dispose();
        pending.Dispose();
        failed.Dispose();
    }

    private void Write()
    {
        try
        {
            var rollup = new MetricRollup(plan);
            using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
            foreach (var windows in pending.GetConsumingEnumerable())
            {
                foreach (var row in rollup.Add(windows.GetAwaiter().GetResult()))
                {
                    text.Write(writer, row);
                    rows++;
                }
            }

            foreach (var row in rollup.Finish())
            {
                text.Write(writer, row);
                rows++;
            }
        }
        catch (IOException ex)
        {
            failed.Cancel();
            throw Failed(ex);
        }
        catch
        {
            failed.Cancel();
            throw;
        }
    }

    /// <summary>The run's failure when this process cannot write the file: the file and its file system, not the server's disk.</summary>
    private SeedException Failed(Exception ex) => new(
        $"could not write the metric windows' spill file {path} ({ex.Message}); it is removed, and what was committed is kept: free space in {Path.GetDirectoryName(path)} (or point TMPDIR at a file system with room) and rerun the same command to resume.", ex);

    /// <summary>Reads a file for the loader and reports the lines read so far, every <see cref="ReportEvery"/> lines.</summary>
    private sealed class LineCountingStream(Stream inner, Action<long> linesRead) : Stream
    {
        private long lines;
        private long reported;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Counted(buffer[..inner.Read(buffer)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Counted(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(ReadOnlySpan<byte> read)
        {
            lines += read.Count((byte)'\n');
            if (lines - reported >= ReportEvery)
            {
                reported = lines;
                linesRead(lines);
            }

            return read.Length;
        }
    }
}
