namespace Kws.Audio.Features;

/// <summary>
/// The whole-clip face of the log-mel front end: a clip in, frames x MelBins log energies out (row-major, one frame
/// per row), with frames = 1 + (samples - window) / hop and no padding. Same arithmetic as <see cref="LogMelStream"/>.
/// Single-threaded: one instance per thread.
/// </summary>
public sealed class LogMelSpectrogram
{
    private readonly LogMelStream _stream;

    /// <summary>A front end with the given parameters (validated; throws <see cref="ArgumentException"/>).</summary>
    public LogMelSpectrogram(LogMelOptions options) => _stream = new LogMelStream(options);

    /// <summary>The front-end parameters.</summary>
    public LogMelOptions Options => _stream.Options;

    /// <summary>Computes the frames of <paramref name="clip"/> into <paramref name="features"/> (FramesFor(clip) x MelBins); returns the frame count.</summary>
    public int Compute(ReadOnlySpan<float> clip, Span<float> features)
    {
        _stream.Reset();
        var frames = _stream.Process(clip, features);
        _stream.Reset();
        return frames;
    }

    /// <summary>Computes the frames of <paramref name="clip"/> into a new array of FramesFor(clip.Length) x MelBins.</summary>
    public float[] Compute(ReadOnlySpan<float> clip)
    {
        var features = new float[Options.FramesFor(clip.Length) * Options.MelBins];
        Compute(clip, features);
        return features;
    }
}
