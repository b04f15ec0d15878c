using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Audio.PortAudio;
using EdgeService.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace EdgeService.Tests.Audio;

/// <summary>
/// Months of a flaky microphone in a few seconds, on the real libportaudio: every reconnect is a fresh PortAudio
/// session (Pa_Initialize scans ALSA's devices, Pa_Terminate frees them), and a microphone that stays unplugged is
/// retried every 30 s for as long as it is gone. Neither may leave a file descriptor, a thread or native memory
/// behind, or a service that has been up long enough runs out of them. The PortAudio collection runs alone, so the
/// process's readings are this test's.
/// </summary>
[Collection("PortAudio")]
public sealed class PortAudioChurnTests(AlsaFileDevices alsa)
{
    private const int WarmUpCycles = 250; // native memory settles within about 250 cycles of the first (measured)
    private const int Cycles = 300;

    /// <summary>Native memory 300 cycles may add before the test calls it a leak (measured: under 0.5 MiB).</summary>
    private const long NativeSlackBytes = 4L << 20;

    /// <summary>Live managed memory 300 cycles may add (measured: a few KiB).</summary>
    private const long ManagedSlackBytes = 256L << 10;

    private static readonly AudioOptions Present = new()
    {
        Device = AlsaFileDevices.I2s48, DeviceSampleRateHz = 48000, DeviceChannels = 2, DeviceSampleFormat = "int32",
    };

    private static readonly AudioOptions Absent = new() { Device = "kwsunplugged" };

    [Fact]
    public void Hundreds_of_reopens_and_failed_opens_leave_no_descriptor_thread_or_memory_behind()
    {
        alsa.RequireAvailable();
        var present = new PortAudioCaptureOpener(Present);
        var absent = new PortAudioCaptureOpener(Absent);
        void Cycle()
        {
            var sink = new RecordingRingBuffer(16000, 800);
            using (present.Open(sink))
            {
                Assert.True(sink.Full.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the device delivered no audio");
            }

            Assert.Throws<AudioDeviceUnavailableException>(() => absent.Open(new RecordingRingBuffer(16000, 1)));
        }

        ProcessResources.AssertNoLeak(Cycle, WarmUpCycles, Cycles, NativeSlackBytes, ManagedSlackBytes);
        Assert.Equal(0, PortAudioSession.OpenSessions);
    }

    [Fact]
    public void A_microphone_retried_for_hours_leaves_no_descriptor_thread_or_memory_behind()
    {
        alsa.RequireAvailable();
        var clock = new FakeTimeProvider();
        var options = new AudioOptions { Device = Absent.Device, RetryMaxDelayMs = 30_000 };
        using var source = new ResilientAudioSource(new PortAudioCaptureOpener(options), options, clock, NullLogger<ResilientAudioSource>.Instance);
        source.Start(new RecordingRingBuffer(16000, 1));
        Assert.Equal(AudioSourceState.Faulted, source.State);

        // Each step passes the longest back-off, so each fires a retry (once the back-off has grown, exactly one): an
        // open on a thread of its own, a device scan, a refusal. The 550 steps are 4.6 hours of an unplugged
        // microphone. (A logger that kept its lines would grow by each; the service's does not.)
        void Retry()
        {
            var faults = source.Statistics.Faults;
            clock.Advance(TimeSpan.FromMilliseconds(options.RetryMaxDelayMs));
            Assert.True(source.Statistics.Faults > faults, "the step retried nothing");
        }

        ProcessResources.AssertNoLeak(Retry, WarmUpCycles, Cycles, NativeSlackBytes, ManagedSlackBytes);
        var stats = source.Statistics;
        Assert.Equal(AudioSourceState.Faulted, stats.State);
        Assert.Contains("kwsunplugged", stats.LastFault, StringComparison.Ordinal);
        source.Stop();
        Assert.Equal(0, PortAudioSession.OpenSessions);
    }
}
