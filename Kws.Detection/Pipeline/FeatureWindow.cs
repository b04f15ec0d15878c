using Kws.Audio.Features;

namespace Kws.Detection.Pipeline;

/// <summary>
/// <see cref="IFeatureWindow"/> over the shared streaming log-mel front end: a circular buffer of Frames x MelBins
/// values, each new frame written in place of the oldest. Buffers are made once, at construction.
/// </summary>
public sealed class FeatureWindow : IFeatureWindow
{
    private readonly LogMelStream _stream;
    private readonly FeatureNormalization _normalization;
    private readonly float[] _ring;
    private readonly int _hop;
    private int _head;

    /// <summary>A window of <paramref name="frames"/> frames of the front end <paramref name="frontEnd"/>.</summary>
    public FeatureWindow(LogMelOptions frontEnd, int frames, FeatureNormalization normalization)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        _stream = new LogMelStream(frontEnd);
        _normalization = normalization;
        Frames = frames;
        MelBins = frontEnd.MelBins;
        _hop = frontEnd.HopSamples;
        _ring = new float[frames * MelBins];
    }

    /// <inheritdoc />
    public int Frames { get; }

    /// <inheritdoc />
    public int MelBins { get; }

    /// <inheritdoc />
    public long FramesProduced => _stream.FramesProduced;

    /// <inheritdoc />
    public bool IsFull => FramesProduced >= Frames;

    /// <inheritdoc />
    public int Push(ReadOnlySpan<float> samples)
    {
        var produced = 0;
        while (!samples.IsEmpty)
        {
            // At most one hop at a time: each slice completes at most one frame, written straight into the ring.
            var n = Math.Min(_hop, samples.Length);
            var frames = _stream.Process(samples[..n], _ring.AsSpan(_head * MelBins, MelBins));
            if (frames == 1)
            {
                _head = (_head + 1) % Frames;
                produced++;
            }

            samples = samples[n..];
        }

        return produced;
    }

    /// <inheritdoc />
    public void CopyTo(Span<float> destination)
    {
        var split = _head * MelBins;
        var older = _ring.AsSpan(split);
        _normalization.Apply(older, destination);
        _normalization.Apply(_ring.AsSpan(0, split), destination[older.Length..]);
    }

    /// <inheritdoc />
    public void Reset()
    {
        _stream.Reset();
        _head = 0;
        Array.Clear(_ring);
    }
}
