namespace Kws.Audio.Resampling;

/// <summary>
/// The low-pass filter of a resampler, relative to the lower of the two Nyquist frequencies (half the lower rate):
/// flat up to <see cref="PassbandEdge"/>, at least <see cref="StopbandAttenuationDb"/> down from
/// <see cref="StopbandEdge"/> on. The defaults (0.9, 1.0, 80 dB) keep 16 kHz speech up to 7.2 kHz and reject
/// everything at and above 8 kHz that would alias.
/// </summary>
public sealed record ResamplerOptions
{
    /// <summary>The defaults: passband to 0.9, stopband from 1.0 of the lower Nyquist, 80 dB.</summary>
    public static ResamplerOptions Default { get; } = new();

    /// <summary>Where the passband ends, as a fraction of the lower Nyquist (0 &lt; pass &lt; stop).</summary>
    public double PassbandEdge { get; init; } = 0.9;

    /// <summary>Where the stopband starts, as a fraction of the lower Nyquist (at most 1 to prevent aliasing).</summary>
    public double StopbandEdge { get; init; } = 1.0;

    /// <summary>Stopband attenuation the Kaiser window is designed for, in dB (20 to 160).</summary>
    public double StopbandAttenuationDb { get; init; } = 80;

    /// <summary>Throws when the values make no filter.</summary>
    public void Validate()
    {
        if (!(PassbandEdge > 0 && PassbandEdge < StopbandEdge && StopbandEdge <= 1.5))
        {
            throw new ArgumentException($"Resampler band edges must satisfy 0 < passband ({PassbandEdge}) < stopband ({StopbandEdge}) <= 1.5 of the lower Nyquist.");
        }

        if (!(StopbandAttenuationDb >= 20 && StopbandAttenuationDb <= 160))
        {
            throw new ArgumentException($"Resampler stopband attenuation {StopbandAttenuationDb} dB is outside 20..160 dB.");
        }
    }
}
