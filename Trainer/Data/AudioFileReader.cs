using Kws.Audio.Resampling;
using Kws.Audio.Wav;

namespace Trainer.Data;

/// <summary>Reads any supported WAV file as 16 kHz mono float audio, resampling when needed.</summary>
internal static class AudioFileReader
{
    /// <summary>The whole file, mixed down to mono and resampled to 16 kHz.</summary>
    public static float[] ReadMono16k(string path)
    {
        var mono = WavReader.ReadFloatMono(path, out var rate);
        return rate == ClipLoader.SampleRateHz ? mono : Resampler.Resample(mono, rate, ClipLoader.SampleRateHz);
    }
}
