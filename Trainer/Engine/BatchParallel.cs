namespace Trainer.Engine;

/// <summary>
/// Runs work over a fixed number of chunks. Chunk k always covers the same range of items, so that results
/// reduced per chunk in chunk order are identical whichever thread ran which chunk.
/// </summary>
internal sealed class BatchParallel
{
    private readonly ParallelOptions _options;

    /// <summary>Uses <paramref name="threads"/> chunks and at most that many threads.</summary>
    public BatchParallel(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be at least 1.");
        }

        Chunks = threads;
        _options = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>The number of chunks (equal to the thread count).</summary>
    public int Chunks { get; }

    /// <summary>The items [start, end) of chunk <paramref name="chunk"/> out of <paramref name="count"/> items.</summary>
    public (int Start, int End) Range(int count, int chunk) =>
        ((int)((long)count * chunk / Chunks), (int)((long)count * (chunk + 1) / Chunks));

    /// <summary>Calls <paramref name="body"/>(start, end, chunk) for every non-empty chunk of <paramref name="count"/> items.</summary>
    public void For(int count, Action<int, int, int> body)
    {
        if (Chunks == 1 || count <= 1)
        {
            for (var chunk = 0; chunk < Chunks; chunk++)
            {
                var (s, e) = Range(count, chunk);
                if (e > s)
                {
                    body(s, e, chunk);
                }
            }

            return;
        }

        Parallel.For(0, Chunks, _options, chunk =>
        {
            var (s, e) = Range(count, chunk);
            if (e > s)
            {
                body(s, e, chunk);
            }
        });
    }

    /// <summary>Adds every chunk's partial sums into <paramref name="total"/> in chunk order, then zeroes them.</summary>
    public static void ReduceInto(float[][] partials, Span<float> total)
    {
        foreach (var p in partials)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(total, p, total);
            Array.Clear(p);
        }
    }
}
