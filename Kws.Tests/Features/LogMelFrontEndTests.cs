using Kws.Audio.Features;

namespace Kws.Tests.Features;

public class LogMelFrontEndTests
{
    private static float[] TestSignal(int samples, int seed)
    {
        var rng = new Random(seed);
        var x = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            x[i] = (float)((0.3 * Math.Sin(2 * Math.PI * 440 * i / 16000.0))
                + (0.2 * Math.Sin(2 * Math.PI * 2500 * i / 16000.0))
                + (0.05 * ((rng.NextDouble() * 2) - 1)));
        }

        return x;
    }

    [Theory]
    [InlineData(30, 10, 512, 40, 20, 7600)]
    [InlineData(25, 10, 512, 64, 0, 8000)]
    [InlineData(32, 16, 1024, 20, 60, 4000)]
    public void ClipMatchesNaiveReferenceTo1e4(double windowMs, double hopMs, int fft, int mels, double fmin, double fmax)
    {
        var options = new LogMelOptions { WindowMs = windowMs, HopMs = hopMs, FftSize = fft, MelBins = mels, FminHz = fmin, FmaxHz = fmax };
        var clip = TestSignal(4000, 1);
        var ours = new LogMelSpectrogram(options).Compute(clip);
        var reference = LogMelReference.Compute(clip, 16000, options.WindowSamples, options.HopSamples, fft, mels, fmin, fmax, options.LogFloor);

        Assert.Equal(reference.GetLength(0) * mels, ours.Length);
        var worst = 0.0;
        for (var t = 0; t < reference.GetLength(0); t++)
        {
            for (var m = 0; m < mels; m++)
            {
                worst = Math.Max(worst, Math.Abs(reference[t, m] - ours[(t * mels) + m]));
            }
        }

        Assert.True(worst < 1e-4, $"largest difference from the naive reference is {worst}");
    }

    [Fact]
    public void OneSecondClipGives98FramesOf40Bands()
    {
        var options = new LogMelOptions();
        Assert.Equal(98, options.FramesFor(16000));
        Assert.Equal(98 * 40, new LogMelSpectrogram(options).Compute(new float[16000]).Length);
    }

    [Fact]
    public void SilenceIsTheLogFloor()
    {
        var features = new LogMelSpectrogram(new LogMelOptions()).Compute(new float[1600]);
        Assert.All(features, v => Assert.Equal((float)Math.Log(1e-6), v, 5));
    }

    [Fact]
    public void ToneEnergyLandsInTheBandAroundItsFrequency()
    {
        var options = new LogMelOptions();
        var tone = Enumerable.Range(0, 1600).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / 16000.0))).ToArray();
        var features = new LogMelSpectrogram(options).Compute(tone);
        var frame = features.AsSpan(0, options.MelBins).ToArray();
        var loudest = Array.IndexOf(frame, frame.Max());

        // The band whose centre is nearest 1 kHz on the HTK scale.
        static double Mel(double f) => 2595.0 * Math.Log10(1 + (f / 700.0));
        var centres = Enumerable.Range(1, options.MelBins)
            .Select(i => Mel(options.FminHz) + ((Mel(options.FmaxHz) - Mel(options.FminHz)) * i / (options.MelBins + 1))).ToArray();
        var expected = Array.IndexOf(centres, centres.MinBy(c => Math.Abs(c - Mel(1000))));
        Assert.InRange(loudest, expected - 1, expected + 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void StreamingInAnyChunksGivesTheClipFramesBitForBit(int seed)
    {
        var options = new LogMelOptions();
        var clip = TestSignal(16000 + 1234, seed);
        var whole = new LogMelSpectrogram(options).Compute(clip);

        var stream = new LogMelStream(options);
        var rng = new Random(seed);
        var streamed = new List<float>();
        var buffer = new float[200 * options.MelBins];
        for (var pos = 0; pos < clip.Length;)
        {
            var n = Math.Min(clip.Length - pos, rng.Next(0, 700));
            var frames = stream.Process(clip.AsSpan(pos, n), buffer);
            streamed.AddRange(buffer.AsSpan(0, frames * options.MelBins).ToArray());
            pos += n;
        }

        Assert.Equal(whole.Length, streamed.Count);
        for (var i = 0; i < whole.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(whole[i]), BitConverter.SingleToInt32Bits(streamed[i]));
        }

        Assert.Equal(options.FramesFor(clip.Length), stream.FramesProduced);
    }

    [Fact]
    public void StreamingAllocatesNothingPerChunk()
    {
        var options = new LogMelOptions();
        var stream = new LogMelStream(options);
        var chunk = TestSignal(160, 4);
        var frames = new float[4 * options.MelBins];
        for (var i = 0; i < 100; i++)
        {
            stream.Process(chunk, frames);
        }

        // The least of three rounds: a real per-chunk allocation shows in every round, the runtime's one-off work in one.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                stream.Process(chunk, frames);
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TooSmallFrameBufferIsRefusedWithTheCounts()
    {
        var stream = new LogMelStream(new LogMelOptions());
        var ex = Assert.Throws<ArgumentException>(() => stream.Process(new float[1600], new float[40]));
        Assert.Contains("8 are needed", ex.Message);
    }

    [Theory]
    [InlineData("WindowMs", "whole number of samples")]
    [InlineData("FftSize", "power of two")]
    [InlineData("FmaxHz", "half the sample rate")]
    [InlineData("HopMs", "longer than WindowMs")]
    public void InvalidParametersAreNamed(string parameter, string problem)
    {
        var options = parameter switch
        {
            "WindowMs" => new LogMelOptions { WindowMs = 30.01 },
            "FftSize" => new LogMelOptions { FftSize = 500 },
            "FmaxHz" => new LogMelOptions { FmaxHz = 9000 },
            _ => new LogMelOptions { HopMs = 40 },
        };
        var ex = Assert.Throws<ArgumentException>(() => new LogMelStream(options));
        Assert.Contains(parameter, ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void NormalizationRoundTripsThroughItsMetadataText()
    {
        var norm = new FeatureNormalization(-7.123456f, 3.5f);
        var parsed = FeatureNormalization.TryParse(norm.ToMetadata(), out var problem);
        Assert.Equal(norm, parsed);
        Assert.Equal("", problem);
        Assert.Null(FeatureNormalization.TryParse("mean_std:1,0", out problem));
        Assert.Contains("positive", problem);
        var x = new[] { -7.123456f + 3.5f };
        norm.Apply(x);
        Assert.Equal(1f, x[0], 5);
    }
}
