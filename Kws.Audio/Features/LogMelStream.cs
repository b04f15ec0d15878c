namespace Kws.Audio.Features;

/// <summary>
/// The streaming face of the log-mel front end: audio arrives in chunks of any size, frames come out as soon as a
/// whole window is available, exactly the frames <see cref="LogMelSpectrogram"/> gives for the same samples joined
/// together, bit for bit. Allocation-free after construction. Single-threaded: one caller at a time.
/// </summary>
public sealed class LogMelStream
{
    private readonly LogMelFrame _frame;
    private readonly float[] _pending;
    private readonly int _hop;
    private int _filled;

    /// <summary>A stream with the given front-end parameters (validated; throws <see cref="ArgumentException"/>).</summary>
    public LogMelStream(LogMelOptions options)
    {
        _frame = new LogMelFrame(options);
        _pending = new float[options.WindowSamples];
        _hop = options.HopSamples;
    }

    /// <summary>The front-end parameters.</summary>
    public LogMelOptions Options => _frame.Options;

    /// <summary>Frames produced so far: the index the next frame will have.</summary>
    public long FramesProduced { get; private set; }

    /// <summary>How many frames the next <see cref="Process"/> call with <paramref name="samples"/> samples will produce.</summary>
    public int FramesFor(int samples)
    {
        var window = _pending.Length;
        var total = _filled + (long)samples;
        return total < window ? 0 : (int)(1 + ((total - window) / _hop));
    }

    /// <summary>
    /// Consumes <paramref name="samples"/> (mono, at Options.SampleRateHz, nominal range [-1, 1]) and writes each
    /// completed frame, MelBins values per frame, one after another into <paramref name="frames"/>, which must hold
    /// <see cref="FramesFor"/>(samples.Length) frames. Returns the number of frames written.
    /// </summary>
    public int Process(ReadOnlySpan<float> samples, Span<float> frames)
    {
        var mels = Options.MelBins;
        var needed = FramesFor(samples.Length);
        if (frames.Length < needed * mels)
        {
            throw new ArgumentException($"frames holds {frames.Length / mels} frames; {needed} are needed", nameof(frames));
        }

        var window = _pending.Length;
        var written = 0;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(window - _filled, samples.Length);
            samples[..take].CopyTo(_pending.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled < window)
            {
                break;
            }

            _frame.Compute(_pending, frames.Slice(written * mels, mels));
            written++;
            FramesProduced++;
            var keep = window - _hop;
            _pending.AsSpan(_hop, keep).CopyTo(_pending);
            _filled = keep;
        }

        return written;
    }

    /// <summary>Forgets buffered samples and the frame count, as if newly made.</summary>
    public void Reset()
    {
        _filled = 0;
        FramesProduced = 0;
    }
}
