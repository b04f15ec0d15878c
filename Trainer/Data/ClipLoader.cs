using Kws.Audio.Wav;

namespace Trainer.Data;

/// <summary>
/// Reads a clip as one second of 16 kHz mono float audio: other rates are resampled, shorter clips are centred in
/// zeros, longer ones are cut to their loudest second (so a word in a 3-second recording is kept whole).
/// </summary>
internal static class ClipLoader
{
    public const int SampleRateHz = 16000;

    /// <summary>Reads <paramref name="path"/> as <paramref name="length"/> samples at 16 kHz. Throws <see cref="WavFormatException"/> or <see cref="IOException"/> for unreadable files.</summary>
    public static float[] Load(string path, int length = SampleRateHz)
    {
        var audio = AudioFileReader.ReadMono16k(path);
        return FitToLength(audio, length);
    }

    /// <summary>Centres a short clip in zeros, or cuts a long one to its loudest stretch of <paramref name="length"/> samples.</summary>
    public static float[] FitToLength(float[] audio, int length)
    {
        if (audio.Length == length)
        {
            return audio;
        }

        var result = new float[length];
        if (audio.Length < length)
        {
            audio.CopyTo(result, (length - audio.Length) / 2);
            return result;
        }

        var start = LoudestStart(audio, length);
        audio.AsSpan(start, length).CopyTo(result);
        return result;
    }

    /// <summary>Start of the <paramref name="length"/>-sample stretch with the most energy (a sliding sum of squares).</summary>
    public static int LoudestStart(ReadOnlySpan<float> audio, int length)
    {
        double sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += audio[i] * audio[i];
        }

        double best = sum;
        var bestStart = 0;
        for (var start = 1; start + length <= audio.Length; start++)
        {
            var leaving = audio[start - 1];
            var entering = audio[start + length - 1];
            sum += (entering * entering) - (leaving * leaving);
            if (sum > best)
            {
                best = sum;
                bestStart = start;
            }
        }

        return bestStart;
    }
}
