using Kws.Audio.Resampling;

namespace Kws.Audio.Wav;

/// <summary>Reads audio files in the one form trainer and service use: mono float at a given sample rate.</summary>
public static class AudioFiles
{
    /// <summary>
    /// The whole WAV file at <paramref name="path"/>, mixed down to mono and resampled to <paramref name="sampleRateHz"/>
    /// when it has another rate. Throws <see cref="WavFormatException"/> or <see cref="IOException"/> naming the file.
    /// </summary>
    public static float[] ReadMono(string path, int sampleRateHz)
    {
        var mono = WavReader.ReadFloatMono(path, out var rate);
        return rate == sampleRateHz ? mono : Resampler.Resample(mono, rate, sampleRateHz);
    }
}
