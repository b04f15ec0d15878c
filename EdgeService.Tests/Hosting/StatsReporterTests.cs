using EdgeService.Audio;
using EdgeService.Hosting;
using EdgeService.Pipeline;
using EdgeService.Tests.Fakes;
using EdgeService.Tests.Systemd;
using Kws.Audio;
using Microsoft.Extensions.Options;

namespace EdgeService.Tests.Hosting;

/// <summary>The stats line, and with live capture the device's own figures, each for the interval and since start.</summary>
public sealed class StatsReporterTests
{
    private readonly RecordingLogger<StatsReporter> _log = new();

    /// <summary>A live-capture source whose counters the test sets.</summary>
    private sealed class CountingSource : IAudioSource, ICaptureStatistics
    {
        public event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged { add { } remove { } }

        public AudioCaptureStatistics Statistics { get; set; }

        public AudioFormat Format => AudioFormat.Mono16kFloat;

        public AudioSourceState State => Statistics.State;

        public bool RecoversFromFaults => true;

        public Exception? Fault => null;

        public void Start(IAudioRingBuffer target)
        {
        }

        public void Stop()
        {
        }

        public void Dispose()
        {
        }
    }

    private StatsReporter Make(IAudioSource source, AudioRingBuffer ring, PipelineStats? stats = null) =>
        new(Options.Create(new StatsOptions()), stats ?? new PipelineStats(), ring, source, new FakeTimeProvider(), _log);

    private List<string> Lines() => [.. _log.Entries.Select(e => e.Message)];

    [Fact]
    public void Live_capture_adds_the_devices_overflows_for_the_interval_and_since_start_reconnects_and_faults()
    {
        var source = new CountingSource { Statistics = new AudioCaptureStatistics(AudioSourceState.Running, "'USB mic' (ALSA)", 48000, 2, 0, 0, null) };
        var reporter = Make(source, new AudioRingBuffer(16000, 500));

        reporter.Report();
        source.Statistics = new AudioCaptureStatistics(AudioSourceState.Running, "'USB mic' (ALSA)", 96000, 5, 1, 2, "gone");
        reporter.Report();

        var capture = Lines().Where(l => l.StartsWith("stats: capture", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "stats: capture 'USB mic' (ALSA) (Running), device input overflows 2 (2 since start), reconnects 0, faults 0",
                "stats: capture 'USB mic' (ALSA) (Running), device input overflows 3 (5 since start), reconnects 1, faults 2",
            ],
            capture);
        Assert.Equal(2, Lines().Count(l => l.StartsWith("stats: audio", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_source_has_no_capture_line()
    {
        var reporter = Make(new FakeAudioSource(recoversFromFaults: false), new AudioRingBuffer(16000, 500));
        reporter.Report();
        Assert.Single(Lines());
        Assert.StartsWith("stats: audio 0.0 s (loudest 10 ms none), overflows 0 (0 samples dropped)", Lines()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_line_gives_the_loudest_hop_of_the_interval_to_set_the_input_gain_by()
    {
        var stats = new PipelineStats();
        var reporter = Make(new FakeAudioSource(recoversFromFaults: false), new AudioRingBuffer(16000, 500), stats);
        stats.CountHop(160, gateOpen: false, energyDbfs: -62.5f);
        stats.CountHop(160, gateOpen: true, energyDbfs: -31.26f);
        stats.CountHop(160, gateOpen: true, energyDbfs: -40f);
        stats.CountHop(160, gateOpen: true, energyDbfs: float.NaN); // energy not known: does not count
        reporter.Report();
        reporter.Report(); // a new interval: nothing counted yet
        stats.CountHop(160, gateOpen: false, energyDbfs: -120f);
        reporter.Report();

        Assert.StartsWith("stats: audio 0.0 s (loudest 10 ms -31.3 dBFS), ", Lines()[0], StringComparison.Ordinal);
        Assert.StartsWith("stats: audio 0.0 s (loudest 10 ms none), ", Lines()[1], StringComparison.Ordinal);
        Assert.StartsWith("stats: audio 0.0 s (loudest 10 ms -120.0 dBFS), ", Lines()[2], StringComparison.Ordinal);
    }
}
