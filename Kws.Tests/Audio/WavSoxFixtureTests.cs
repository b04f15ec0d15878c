using System.Globalization;
using Kws.Audio;
using Kws.Audio.Wav;
using TestSupport;

namespace Kws.Tests.Audio;

/// <summary>WAV files written by sox (tests/fixtures/formats) read to what sox itself decodes and to the known tone.</summary>
public class WavSoxFixtureTests
{
    private static string FormatFile(string name) => Path.Combine(TestPaths.Fixtures, "formats", name);

    /// <summary>sox's -t dat text: per frame the time, then one value per channel.</summary>
    private static double[][] ReadDat(string path) =>
        File.ReadLines(path)
            .Where(l => !l.TrimStart().StartsWith(';'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    [Theory]
    [InlineData("tone_16k_s16", 16000, 1, SampleType.Int16, false)]
    [InlineData("tone_16k_s24", 16000, 1, SampleType.Int24, true)]
    [InlineData("tone_16k_s32", 16000, 1, SampleType.Int32, true)]
    [InlineData("tone_16k_f32", 16000, 1, SampleType.Float32, false)]
    [InlineData("tone_16k_s16_stereo", 16000, 2, SampleType.Int16, false)]
    [InlineData("tone_48k_s16", 48000, 1, SampleType.Int16, false)]
    [InlineData("tone_44k1_s24_stereo", 44100, 2, SampleType.Int24, true)]
    public void SoxFilesReadToSoxsOwnDecodingAndTheTone(string name, int rate, int channels, SampleType type, bool extensible)
    {
        var info = WavReader.ReadInfo(FormatFile(name + ".wav"));
        var samples = WavReader.ReadFloatInterleaved(FormatFile(name + ".wav"), out var format);
        var dat = ReadDat(FormatFile(name + ".dat"));

        Assert.Equal(new AudioFormat(rate, channels, type), format);
        Assert.Equal(extensible, info.Extensible);
        Assert.Equal(rate / 20, info.FrameCount);
        Assert.Equal(64, dat.Length);
        for (var f = 0; f < dat.Length; f++)
        {
            for (var c = 0; c < channels; c++)
            {
                Assert.True(Math.Abs(dat[f][c] - samples[(f * channels) + c]) < 1e-7, $"{name} frame {f} ch {c}: sox {dat[f][c]}, read {samples[(f * channels) + c]}");
            }
        }

        var lsb = type switch { SampleType.Int16 => 1.0 / 32768, SampleType.Int24 => 1.0 / 8388608, _ => 0 };
        for (var f = 0; f < info.FrameCount; f++)
        {
            for (var c = 0; c < channels; c++)
            {
                var hz = c == 0 ? 1000 : 440;
                var tone = 0.5 * Math.Sin(2 * Math.PI * hz * f / rate);
                Assert.True(Math.Abs(tone - samples[(f * channels) + c]) <= lsb + 1e-7, $"{name} frame {f} ch {c}: tone {tone}, read {samples[(f * channels) + c]}");
            }
        }
    }

    [Fact]
    public void SoxStereoMixesToTheMeanOfItsTones()
    {
        var mono = WavReader.ReadFloatMono(FormatFile("tone_16k_s16_stereo.wav"), out var rate);

        Assert.Equal(16000, rate);
        Assert.Equal(800, mono.Length);
        for (var f = 0; f < mono.Length; f++)
        {
            var expected = 0.25 * (Math.Sin(2 * Math.PI * 1000 * f / rate) + Math.Sin(2 * Math.PI * 440 * f / rate));
            Assert.True(Math.Abs(expected - mono[f]) <= 1.0 / 32768, $"frame {f}: {expected} vs {mono[f]}");
        }
    }
}
