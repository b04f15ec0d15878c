namespace Kws.Detection.Pipeline;

/// <summary>
/// A lock-free histogram of durations (1 us to 10 s, 10 buckets per decade) for the mean and the 99th percentile of
/// inference time: one writer thread records, any thread snapshots. Recording allocates nothing.
/// </summary>
public sealed class LatencyHistogram
{
    private const int PerDecade = 10;
    private const int Decades = 7;
    private readonly long[] _buckets = new long[(PerDecade * Decades) + 1];
    private long _count;
    private long _sumTicks;

    /// <summary>Records one duration in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public void Record(long stopwatchTicks)
    {
        var us = stopwatchTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
        var bucket = us <= 1 ? 0 : Math.Min(_buckets.Length - 1, (int)Math.Ceiling(Math.Log10(us) * PerDecade));
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Add(ref _sumTicks, stopwatchTicks);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Count, mean and 99th percentile (upper edge of its bucket, so within 26%) since the last reset; then resets.</summary>
    public (long Count, double MeanMs, double P99Ms) TakeSnapshot()
    {
        var count = Interlocked.Exchange(ref _count, 0);
        var sum = Interlocked.Exchange(ref _sumTicks, 0);
        Span<long> buckets = stackalloc long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Exchange(ref _buckets[i], 0);
        }

        if (count == 0)
        {
            return (0, double.NaN, double.NaN);
        }

        var total = 0L;
        foreach (var b in buckets)
        {
            total += b;
        }

        var rank = (long)Math.Ceiling(total * 0.99);
        var seen = 0L;
        var p99Us = 0.0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                p99Us = Math.Pow(10, (double)i / PerDecade);
                break;
            }
        }

        return (count, sum * 1000.0 / System.Diagnostics.Stopwatch.Frequency / count, p99Us / 1000);
    }
}
