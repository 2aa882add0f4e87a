using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Dapper;
using MySqlConnector;
using Perf.Seed.Generation;
using Telemetry.Data.Model;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Perf.Seed;

/// <summary>
/// The metric windows of a load, rolled up from its chunks while they load and written to a temporary file that one plain
/// LOAD DATA reads as it grows, so the metrics go in beside the trades instead of after them, without generating any chunk again.
/// </summary>
/// <remarks>
/// Chunks are aggregated on the thread pool, a bounded number ahead, and combined in order by one writer: the same rows in
/// the same order as <see cref="MetricRollup"/> gives when the chunks are generated again (the fallback after an
/// interrupted load). The writer never waits for the reader: the file holds what the LOAD DATA has not read yet, so the
/// trades load at their own pace. On Unix the file is unlinked as soon as it is open, so even a killed run leaves nothing behind.
/// </remarks>
internal sealed class MetricWindowSpill : IDisposable
{
    /// <summary>Rows loaded between progress reports.</summary>
    private const long ReportEvery = 100_000;

    private readonly DatasetPlan plan;
    private readonly LoadDataText<AggregatedMetric> text = new(TelemetryColumns.Metrics);
    private readonly BlockingCollection<Task<MetricRollup.ChunkWindows>> pending;
    private readonly CancellationTokenSource failed = new();
    private readonly CancellationTokenSource abandoned = new();
    private readonly SemaphoreSlim flushed = new(0);
    private readonly FileStream file;
    private readonly FileStream reader;
    private readonly Task writing;
    private ExceptionDispatchInfo? loadError;
    private int added;
    private long rows;

    /// <param name="plan">The dataset's plan; every one of its chunks must be added, in order, then <see cref="Complete"/> called.</param>
    /// <param name="ahead">Chunks aggregated ahead of the writer (each holds its generated rows until then).</param>
    public MetricWindowSpill(DatasetPlan plan, int ahead)
    {
        this.plan = plan;
        pending = new BlockingCollection<Task<MetricRollup.ChunkWindows>>(Math.Max(1, ahead));
        var path = Path.Combine(Path.GetTempPath(), $"perf-seed-metrics-{Guid.NewGuid():N}.tsv");
        file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 1, FileOptions.DeleteOnClose);
        reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        writing = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Takes the next loaded chunk (trades and health rows); blocks while <c>ahead</c> chunks are still being aggregated.</summary>
    /// <exception cref="Exception">The error of the LOAD DATA reading the windows (<see cref="Fail"/>): the chunks' load stops with it.</exception>
    public void Add(GeneratedChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        Volatile.Read(ref loadError)?.Throw();
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

    /// <summary>No more chunks: the writer ends the file with the windows still open (the last week and month).</summary>
    public void Complete() => pending.CompleteAdding();

    /// <summary>The chunks' load failed: a LOAD DATA still reading the windows ends with an error, so its rows are not committed.</summary>
    public void Abandon()
    {
        abandoned.Cancel();
        if (!pending.IsAddingCompleted)
        {
            pending.CompleteAdding();
        }
    }

    /// <summary>The LOAD DATA of the windows failed: the next <see cref="Add"/> throws its error.</summary>
    public void Fail(Exception error) => Volatile.Write(ref loadError, ExceptionDispatchInfo.Capture(error));

    /// <summary>Loads the windows into <c>dd_telemetry_metrics</c> on the caller's connection and transaction as they are written, until <see cref="Complete"/> and the last of them.</summary>
    /// <param name="progress">Called with the rows loaded so far and the rows written so far (all of them once the writer ended).</param>
    /// <returns>The rows inserted: every row of the file, checked.</returns>
    /// <exception cref="BulkWriteException">The server skipped or changed a row (a warning) or inserted fewer rows than the file holds.</exception>
    /// <exception cref="OperationCanceledException">The chunks' load was abandoned (<see cref="Abandon"/>): the rows read must not be committed.</exception>
    public async Task<long> LoadAsync(MySqlConnection connection, MySqlTransaction transaction, Action<long, long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(progress);
        progress(0, 0);
        var loader = text.Loader(connection, TelemetryTable.Metrics, new LineCountingStream(new GrowingFile(this), lines => progress(lines, Volatile.Read(ref rows))));
        var inserted = await loader.LoadAsync(cancellationToken).ConfigureAwait(false);

        // The reader met the end of the file only once the writer had ended: an error of the writer's shows here.
        await writing.ConfigureAwait(false);
        abandoned.Token.ThrowIfCancellationRequested();
        if (added != plan.Chunks.Count)
        {
            throw new InvalidOperationException($"The metric windows cover {added} of the dataset's {plan.Chunks.Count} chunks.");
        }

        var warnings = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT @@warning_count", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (warnings != 0 || inserted != rows)
        {
            throw new BulkWriteException(string.Create(CultureInfo.InvariantCulture,
                $"Loading the metric windows into {TelemetryTable.Metrics.Name} inserted {inserted} of {rows} rows with {warnings} warning(s)."));
        }

        progress(rows, rows);
        return inserted;
    }

    /// <summary>Stops the writer (after the chunks already taken) and removes the file.</summary>
    /// <remarks>Call it once the chunks' load and the LOAD DATA have both ended.</remarks>
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

        reader.Dispose();
        file.Dispose();
        pending.Dispose();
        failed.Dispose();
        abandoned.Dispose();
        flushed.Dispose();
    }

    private void Write()
    {
        try
        {
            var rollup = new MetricRollup(plan);
            using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
            long written = 0;
            foreach (var windows in pending.GetConsumingEnumerable())
            {
                foreach (var row in rollup.Add(windows.GetAwaiter().GetResult()))
                {
                    text.Write(writer, row);
                    written++;
                }

                // Each chunk's windows reach the file, and the reader, as soon as they are combined.
                writer.Flush();
                Volatile.Write(ref rows, written);
                flushed.Release();
            }

            foreach (var row in rollup.Finish())
            {
                text.Write(writer, row);
                written++;
            }

            writer.Flush();
            Volatile.Write(ref rows, written);
        }
        catch
        {
            failed.Cancel();
            throw;
        }
        finally
        {
            flushed.Release();
        }
    }

    /// <summary>The spill's file as the writer grows it: a read at its end waits for more, and the end comes once the writer has ended.</summary>
    private sealed class GrowingFile(MetricWindowSpill spill) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                // Whether the writer had ended before this read: then nothing more is coming after what it finds.
                var ended = spill.writing.IsCompleted;
                var read = await spill.reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0 || ended)
                {
                    return read;
                }

                await spill.flushed.WaitAsync(spill.abandoned.Token).ConfigureAwait(false);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Reads a file for the loader and reports the lines read so far, every <see cref="ReportEvery"/> lines.</summary>
    private sealed class LineCountingStream(Stream inner, Action<long> linesRead) : Stream
    {
        private long lines;
        private long reported;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
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
