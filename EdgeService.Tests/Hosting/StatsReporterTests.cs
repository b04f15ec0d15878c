using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Hosting;
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


        public AudioSourceState State => Statistics.State;

        public bool RecoversFromFaults => true;

        public Exception? Fault => null;

        public void Start(IAudioRingWriter target)
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

    private List<string> Lines() => [.. _log.Entries.Select(e => e.Message).Where(m => !m.StartsWith("stats: memory", StringComparison.Ordinal))];

    private List<string> MemoryLines() => [.. _log.Entries.Select(e => e.Message).Where(m => m.StartsWith("stats: memory", StringComparison.Ordinal))];

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
        Assert.Single(MemoryLines());
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

    [Fact]
    public void Every_report_ends_with_this_process_memory_collections_threads_and_open_files()
    {
        var reporter = Make(new FakeAudioSource(recoversFromFaults: false), new AudioRingBuffer(16000, 500));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var gen2 = GC.CollectionCount(2);
        reporter.Report();
        reporter.Report();

        var lines = MemoryLines();
        Assert.Equal(2, lines.Count);
        var pattern = new System.Text.RegularExpressions.Regex(
            @"^stats: memory (?<rss>[0-9.]+) MiB resident, managed heap (?<heap>[0-9.]+) MiB \((?<allocated>[0-9.]+) MiB allocated since start\), " +
            @"collections (?<g0>\d+)/(?<g1>\d+)/(?<g2>\d+) since start, threads (?<threads>\d+), open files (?<files>\d+)$");
        var first = pattern.Match(lines[0]);
        var second = pattern.Match(lines[1]);
        Assert.True(first.Success && second.Success, string.Join(" | ", lines));
        double Value(System.Text.RegularExpressions.Match m, string name) => double.Parse(m.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);

        var rssMib = Environment.WorkingSet / (1024.0 * 1024);
        Assert.InRange(Value(first, "rss"), rssMib * 0.5, rssMib * 2);
        Assert.True(Value(first, "heap") > 0, lines[0]);
        Assert.True(Value(second, "allocated") >= Value(first, "allocated") && Value(first, "allocated") > 0, string.Join(" | ", lines));
        Assert.True(Value(first, "g2") >= gen2, lines[0]);
        Assert.True(Value(first, "g0") >= Value(first, "g1") && Value(first, "g1") >= Value(first, "g2"), lines[0]);
        Assert.InRange(Value(first, "threads"), 2, 1000);
        Assert.True(Value(first, "files") >= 3, lines[0]); // standard input, output and error at least
        Assert.True(Value(second, "g0") >= Value(first, "g0"), string.Join(" | ", lines)); // counts since start never go back
    }
}
