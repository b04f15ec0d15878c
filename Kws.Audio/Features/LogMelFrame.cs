using System.Numerics.Tensors;

namespace Kws.Audio.Features;

/// <summary>
/// Computes one log-mel frame from exactly one window of samples: periodic Hann window, real FFT (<see cref="RealFft"/>), power spectrum
/// |X[k]|^2, mel filterbank, ln(max(energy, LogFloor)). Both faces of the front end (<see cref="LogMelSpectrogram"/>
/// for clips and <see cref="LogMelStream"/> for streams) call this, so they agree bit for bit. Owns its scratch
/// buffers: one instance per thread.
/// </summary>
internal sealed class LogMelFrame
{
    private readonly float[] _window;
    private readonly float[] _windowed;
    private readonly float[] _power;
    private readonly RealFft _fft;
    private readonly MelFilterbank _filterbank;
    private readonly float _floor;

    /// <summary>Makes the tables and buffers for <paramref name="options"/> (validated).</summary>
    public LogMelFrame(LogMelOptions options)
    {
        options.Validate();
        Options = options;
        var n = options.WindowSamples;
        _window = new float[n];
        for (var i = 0; i < n; i++)
        {
            _window[i] = (float)(0.5 - (0.5 * Math.Cos(2.0 * Math.PI * i / n)));
        }

        _windowed = new float[n];
        _power = new float[(options.FftSize / 2) + 1];
        _fft = new RealFft(options.FftSize);
        _filterbank = new MelFilterbank(options);
        _floor = (float)options.LogFloor;
    }

    /// <summary>The parameters.</summary>
    public LogMelOptions Options { get; }

    /// <summary>One frame of MelBins log energies from WindowSamples samples.</summary>
    public void Compute(ReadOnlySpan<float> windowSamples, Span<float> melOut)
    {
        TensorPrimitives.Multiply(windowSamples, _window, _windowed);
        _fft.Power(_windowed, _power);
        var mel = melOut[..Options.MelBins];
        _filterbank.Apply(_power, mel);
        TensorPrimitives.Max(mel, _floor, mel);
        TensorPrimitives.Log(mel, mel);
    }
}
