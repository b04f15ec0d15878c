
using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Audio;

/// <summary>
/// A ring-buffer stand-in that keeps the FIRST <see cref="Capacity"/> samples written and ignores the rest. Needed
/// because an ALSA file device runs much faster than real time: a real ring buffer would keep only the newest samples
/// (stale data past the end of the file). Single producer; <see cref="Full"/> is set once it has them all.
/// </summary>
internal sealed class RecordingRingBuffer(int sampleRateHz, int capacity) : IAudioRingWriter
{
    private readonly float[] _samples = new float[capacity];
    private long _written;

    public ManualResetEventSlim Full { get; } = new(false);

    public int SampleRateHz { get; } = sampleRateHz;

    public int Capacity { get; } = capacity;

    public long WrittenSamples => Volatile.Read(ref _written);

    public int Room => Capacity;

    /// <summary>The samples kept (all of them once <see cref="Full"/> is set).</summary>
    public float[] Samples => _samples;

    public void Write(ReadOnlySpan<float> samples)
    {
        var at = _written;
        if (at < Capacity)
        {
            var n = (int)Math.Min(samples.Length, Capacity - at);
            samples[..n].CopyTo(_samples.AsSpan((int)at));
            if (at + n >= Capacity)
            {
                Full.Set();
            }
        }

        Volatile.Write(ref _written, at + samples.Length);
    }

    /// <summary>How many times the producer marked a discontinuity.</summary>
    public int Discontinuities { get; private set; }

    public void MarkDiscontinuity() => Discontinuities++;
}
