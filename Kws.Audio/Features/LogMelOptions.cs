namespace Kws.Audio.Features;

/// <summary>
/// Parameters of the log-mel front end. The trainer writes them into the model file and the service reads them back
/// (see Kws.Onnx.Contract), so both compute identical features.
/// </summary>
/// <remarks>
/// Defaults: 16 kHz, 30 ms Hann window every 10 ms, a 512-point FFT, 40 mel bands (HTK mel scale) from 20 Hz to
/// 7600 Hz, natural log with a floor of 1e-6. A one-second clip gives 98 frames. These are the common Speech
/// Commands settings (DS-CNN, "Hello Edge"); the trainer issue measures alternatives on held-out speakers.
/// </remarks>
public sealed record LogMelOptions
{
    /// <summary>Sample rate of the audio the front end consumes, in Hz.</summary>
    public int SampleRateHz { get; init; } = 16000;

    /// <summary>Analysis window length in milliseconds (must be a whole number of samples).</summary>
    public double WindowMs { get; init; } = 30;

    /// <summary>Distance between frame starts in milliseconds (must be a whole number of samples).</summary>
    public double HopMs { get; init; } = 10;

    /// <summary>FFT length in samples: a power of two no shorter than the window.</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Number of mel bands per frame.</summary>
    public int MelBins { get; init; } = 40;

    /// <summary>Lower edge of the lowest mel band in Hz.</summary>
    public double FminHz { get; init; } = 20;

    /// <summary>Upper edge of the highest mel band in Hz (at most half the sample rate).</summary>
    public double FmaxHz { get; init; } = 7600;

    /// <summary>Smallest mel energy before the natural logarithm is taken; the log of silence is ln(LogFloor).</summary>
    public double LogFloor { get; init; } = 1e-6;

    /// <summary>The window length in samples.</summary>
    public int WindowSamples => (int)Math.Round(WindowMs * SampleRateHz / 1000.0);

    /// <summary>The hop length in samples.</summary>
    public int HopSamples => (int)Math.Round(HopMs * SampleRateHz / 1000.0);

    /// <summary>How many whole frames a clip of <paramref name="samples"/> samples gives (no padding).</summary>
    public int FramesFor(int samples) => samples < WindowSamples ? 0 : 1 + ((samples - WindowSamples) / HopSamples);

    /// <summary>Every problem with these parameters, each naming the parameter and its value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SampleRateHz < 1000 || SampleRateHz > 192000)
        {
            problems.Add($"SampleRateHz is {SampleRateHz}; it must be between 1000 and 192000");
        }

        CheckWholeSamples(problems, nameof(WindowMs), WindowMs);
        CheckWholeSamples(problems, nameof(HopMs), HopMs);
        if (problems.Count == 0 && HopSamples > WindowSamples)
        {
            problems.Add($"HopMs ({HopMs}) is longer than WindowMs ({WindowMs}); frames would skip audio");
        }

        if (FftSize < 16 || FftSize > 65536 || (FftSize & (FftSize - 1)) != 0)
        {
            problems.Add($"FftSize is {FftSize}; it must be a power of two between 16 and 65536");
        }
        else if (problems.Count == 0 && FftSize < WindowSamples)
        {
            problems.Add($"FftSize ({FftSize}) is shorter than the window ({WindowSamples} samples)");
        }

        if (MelBins < 1 || MelBins > 512)
        {
            problems.Add($"MelBins is {MelBins}; it must be between 1 and 512");
        }

        if (!(FminHz >= 0) || !(FmaxHz > FminHz) || FmaxHz > SampleRateHz / 2.0)
        {
            problems.Add($"FminHz ({FminHz}) and FmaxHz ({FmaxHz}) must satisfy 0 <= FminHz < FmaxHz <= {SampleRateHz / 2.0} (half the sample rate)");
        }

        if (!(LogFloor > 0) || double.IsInfinity(LogFloor))
        {
            problems.Add($"LogFloor is {LogFloor}; it must be a positive number");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, if there is one.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid log-mel parameters: " + string.Join("; ", problems));
        }
    }

    private void CheckWholeSamples(List<string> problems, string name, double ms)
    {
        var samples = ms * SampleRateHz / 1000.0;
        if (!(ms > 0) || samples < 1)
        {
            problems.Add($"{name} is {ms}; it must be positive and at least one sample long");
        }
        else if (Math.Abs(samples - Math.Round(samples)) > 1e-9)
        {
            problems.Add($"{name} is {ms} ms, which is {samples} samples at {SampleRateHz} Hz; it must be a whole number of samples");
        }
    }
}
