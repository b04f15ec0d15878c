using Kws.Audio;
using Kws.Detection.Composition;
using Kws.Detection.Pipeline;
using EdgeService.Cli;
using EdgeService.Detection;
using EdgeService.Hosting;
using Kws.Audio.Wav;
using TestSupport;

namespace EdgeService.Tests.Pipeline;

/// <summary>
/// The sample clock after months of uptime: the pipeline's stages count samples in 64 bits, so the same audio gives
/// the same detections, at the same place in it, whether it starts at sample 0 or 37 hours in (where a 32-bit count
/// would wrap), a year in, or a century in (where a float of seconds could no longer tell two hops apart). The real
/// pipeline and the bundled model on the generated recording, as <see cref="FixtureReplayTests"/> uses them.
/// </summary>
public class LongUptimeTests
{
    private const long SamplesPerSecond = PipelineAudio.SampleRateHz;

    public static TheoryData<string, long> Offsets => new()
    {
        { "int32 wraps 8 s into the recording", int.MaxValue - (8 * SamplesPerSecond) },
        { "a year", 365L * 24 * 3600 * SamplesPerSecond },
        { "a century", 100L * 365 * 24 * 3600 * SamplesPerSecond },
    };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void The_same_audio_later_on_the_sample_clock_gives_the_same_detections_at_the_same_place(string when, long offset)
    {
        var audio = WavReader.ReadFloatMono(Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav"), out _);
        var atStart = Detect(audio, 0);
        Assert.True(atStart.Count >= 10, $"the recording gave {atStart.Count} detections at sample 0; FixtureReplayTests expects 10");

        var later = Detect(audio, offset);
        Assert.True(atStart.Count == later.Count, $"{when}: {later.Count} detections against {atStart.Count} at sample 0");
        for (var i = 0; i < atStart.Count; i++)
        {
            var (a, b) = (atStart[i], later[i]);
            Assert.Equal(a.Keyword, b.Keyword);
            Assert.Equal(a.Score, b.Score);
            Assert.Equal(a.SampleIndex, b.SampleIndex - offset);
            Assert.Equal(a.TimeS, b.TimeS - (offset / (double)SamplesPerSecond), 6);
        }
    }

    private static List<KeywordDetection> Detect(float[] audio, long offset)
    {
        var sink = new CollectingSink();
        using var replay = new DetectionReplay(DetectionSettings.FromArguments([]), [sink]);
        replay.FeedAll(audio, offset);
        return sink.Detections;
    }
}
