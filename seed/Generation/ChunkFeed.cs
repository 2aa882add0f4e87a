using System.Collections.Concurrent;

namespace Perf.Seed.Generation;

/// <summary>Generates chunks in order on a background thread, a bounded number ahead of a synchronous consumer.</summary>
/// <remarks>
/// The bulk copy pulls rows synchronously from a data reader, so one LOAD DATA statement can stream many chunks only
/// through a blocking enumerable; the bounded collection keeps at most <c>ahead</c> chunks in memory.
/// </remarks>
internal sealed class ChunkFeed : IDisposable
{
    private readonly BlockingCollection<GeneratedChunk> ready;
    private readonly CancellationTokenSource stop;
    private readonly Task producer;
    private Exception? failure;

    public ChunkFeed(ChunkGenerator generator, IReadOnlyList<ChunkPlan> chunks, ChunkParts parts, int ahead, CancellationToken cancellationToken)
    {
        ready = new BlockingCollection<GeneratedChunk>(Math.Max(1, ahead));
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        producer = Task.Run(() =>
        {
            try
            {
                foreach (var chunk in chunks)
                {
                    ready.Add(generator.Generate(chunk, parts), stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped or the run was cancelled; the consumer reports it.
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                ready.CompleteAdding();
            }
        }, CancellationToken.None);
    }

    /// <summary>The chunks in order; blocks while the next one is being generated.</summary>
    public IEnumerable<GeneratedChunk> Chunks
    {
        get
        {
            foreach (var chunk in ready.GetConsumingEnumerable(stop.Token))
            {
                yield return chunk;
            }

            if (failure is not null)
            {
                throw new InvalidOperationException("Generating a chunk failed.", failure);
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        producer.Wait(TimeSpan.FromSeconds(30));
        stop.Dispose();
        ready.Dispose();
    }
}
