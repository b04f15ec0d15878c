using Kws.Audio.Wav;
using Kws.Audio;
using Kws.Audio.Clips;

namespace Trainer.Data;

/// <summary>Reads a clip as one second of 16 kHz mono float audio (resampled, then fitted by <see cref="ClipFitter"/>).</summary>
internal static class ClipLoader
{
    public const int SampleRateHz = 16000;

    /// <summary>Reads <paramref name="path"/> as <paramref name="length"/> samples at 16 kHz. Throws <c>WavFormatException</c> or <see cref="IOException"/> for unreadable files.</summary>
    public static float[] Load(string path, int length = SampleRateHz) =>
        ClipFitter.FitToLength(Kws.Audio.Wav.AudioFiles.ReadMono(path, ClipLoader.SampleRateHz), length);
}
