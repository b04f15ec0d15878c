namespace Kws.Detection.Pipeline;

/// <summary>
/// The last few samples the pipeline was fed, with their place on the sample clock: a pipeline that takes over (a
/// model swapped while running) is primed with them, so its feature window is full at once. A fixed buffer made up
/// front; <see cref="Append"/> allocates nothing. A gap in the sample indices starts the history afresh (audio on
/// either side does not belong together), as does <see cref="Clear"/>. Single-threaded (the service loop).
/// </summary>
public sealed class RecentAudio
{
    private readonly float[] _ring;
    private long _end;   // absolute index one past the newest sample
    private int _count;  // samples held, at most the capacity

    /// <summary>Keeps up to <paramref name="capacitySamples"/> samples.</summary>
    /// <param name="capacitySamples">How many samples to keep (at least one).</param>
    public RecentAudio(int capacitySamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacitySamples, 1);
        _ring = new float[capacitySamples];
    }

    /// <summary>How many samples it can hold.</summary>
    public int Capacity => _ring.Length;

    /// <summary>How many samples are held.</summary>
    public int Count => _count;

    /// <summary>The absolute sample index of the oldest sample held.</summary>
    public long FirstSampleIndex => _end - _count;

    /// <summary>Adds samples whose first has absolute index <paramref name="firstSampleIndex"/>.</summary>
    /// <param name="samples">The samples, as fed to the pipeline.</param>
    /// <param name="firstSampleIndex">The sample clock index of <paramref name="samples"/>[0].</param>
    public void Append(ReadOnlySpan<float> samples, long firstSampleIndex)
    {
        if (_count > 0 && firstSampleIndex != _end)
        {
            _count = 0;
        }

        // Only the newest samples that fit are kept; each sits at its absolute index modulo the capacity.
        var kept = samples[Math.Max(0, samples.Length - _ring.Length)..];
        var head = (int)((firstSampleIndex + samples.Length - kept.Length) % _ring.Length);
        var first = Math.Min(kept.Length, _ring.Length - head);
        kept[..first].CopyTo(_ring.AsSpan(head));
        kept[first..].CopyTo(_ring);
        _end = firstSampleIndex + samples.Length;
        _count = Math.Min(_count + samples.Length, _ring.Length);
    }

    /// <summary>Forgets every sample (a new capture stream follows).</summary>
    public void Clear() => _count = 0;

    /// <summary>Copies the held samples, oldest first, into <paramref name="destination"/> (at least <see cref="Count"/> long).</summary>
    /// <param name="destination">Where the samples go.</param>
    /// <returns>How many were copied (<see cref="Count"/>).</returns>
    public int CopyTo(Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, _count);
        var start = (int)(FirstSampleIndex % _ring.Length);
        var first = Math.Min(_count, _ring.Length - start);
        _ring.AsSpan(start, first).CopyTo(destination);
        _ring.AsSpan(0, _count - first).CopyTo(destination[first..]);
        return _count;
    }
}
