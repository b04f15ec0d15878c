using Kws.Detection.Pipeline;
using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeService.Audio;
using EdgeService.Audio.PortAudio;
using EdgeService.Tests.Cli;
using EdgeService.Tests.Fakes;
using TestSupport;

namespace EdgeService.Tests.Audio;

/// <summary>
/// A device whose clock stops while the stream is open, with the real PortAudio library: an ALSA file device reading a
/// named pipe whose writer keeps the pipe open and stops writing (<see cref="PacedFifo.Stalled"/>). Measured here:
/// PortAudio's capture thread then waits in read(2) on the pipe, and Pa_StopStream does not return until the writer
/// goes on (as in the VM with snd-aloop, where it waits in poll). The source must detect the stall, give the close
/// Audio:CloseTimeoutMs, abandon the stream and report a final fault; the service must exit with code 1.
/// </summary>
[Collection("PortAudio")]
public sealed class StalledDeviceTests(AlsaFileDevices alsa)
{
    private const int BytesPerSecond = AlsaFileDevices.Mono16BytesPerSecond;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static byte[] Noise(int seconds)
    {
        var rng = new Random(7);
        var samples = Enumerable.Range(0, 16000 * seconds).Select(_ => (short)rng.Next(-3000, 3000)).ToArray();
        return MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();
    }

    [Fact]
    public void A_stream_whose_device_stalls_while_open_is_abandoned_at_the_close_deadline_instead_of_hanging() =>
        StallAndAbandon(stalledFromTheStart: false);

    [Fact]
    public void A_start_on_a_device_that_is_already_stalled_ends_the_same_way() => StallAndAbandon(stalledFromTheStart: true);

    private void StallAndAbandon(bool stalledFromTheStart)
    {
        alsa.RequireAvailable();
        TestPaths.InTempDir("kws-stall", dir => StallAndAbandon(dir, stalledFromTheStart));
    }

    private void StallAndAbandon(string dir, bool stalledFromTheStart)
    {
        var name = $"kwsstall{Guid.NewGuid():N}"[..14];
        using var fifo = new PacedFifo(Path.Combine(dir, "stall.pipe"), Noise(60), BytesPerSecond, speed: 1) { Stalled = stalledFromTheStart };
        alsa.AddInfileDevice(name, fifo.Path);
        var options = new AudioOptions
        {
            Device = name, DeviceSampleRateHz = 16000, DeviceChannels = 1, DeviceSampleFormat = "int16", HighPassHz = 0,
            StallTimeoutMs = 500, HealthCheckIntervalMs = 50, CloseTimeoutMs = 1000, RetryInitialDelayMs = 100,
        };
        var sink = new RecordingRingBuffer(16000, 16000 * 60);
        using var abandoned = new ManualResetEventSlim(false);
        long lostAt = 0, abandonedAt = 0;
        var source = new ResilientAudioSource(new PortAudioCaptureOpener(options), options, TimeProvider.System, new RecordingLogger<ResilientAudioSource>());
        source.StateChanged += (_, e) =>
        {
            if (e.Fault is AudioDeviceUnavailableException && lostAt == 0)
            {
                lostAt = Stopwatch.GetTimestamp();
            }
            else if (e.Fault is AudioStreamAbandonedException)
            {
                abandonedAt = Stopwatch.GetTimestamp();
                abandoned.Set();
            }
        };

        try
        {
            var starting = Stopwatch.StartNew();
            source.Start(sink);
            Assert.Equal(AudioSourceState.Running, source.State); // opening does not wait for audio
            Assert.True(starting.Elapsed < TimeSpan.FromSeconds(5), $"Start took {starting.Elapsed.TotalSeconds:F1} s");
            if (!stalledFromTheStart)
            {
                Assert.True(SpinWait.SpinUntil(() => sink.WrittenSamples >= 8000, Wait), $"only {sink.WrittenSamples} samples arrived");
                fifo.Stalled = true;
            }

            Assert.True(abandoned.Wait(Wait, TestContext.Current.CancellationToken),
                $"not abandoned within {Wait.TotalSeconds} s of the stall: state {source.State}, fault '{source.Fault?.Message}', open PortAudio sessions {PortAudioSession.OpenSessions}");

            // The stall was seen first (a recoverable loss), then the close was given its deadline. The loss is
            // reported just after the close (and its deadline) began, so on a loaded machine that report can lag the
            // deadline's start by a few tens of milliseconds (23 ms seen with four busy loops on two cores); the exact
            // deadline is DeadlineCallTests' job, on a fake clock.
            Assert.NotEqual(0, lostAt);
            var closing = Stopwatch.GetElapsedTime(lostAt, abandonedAt);
            Assert.InRange(closing.TotalMilliseconds, 1000 - 200, 1000 + 2000);
            Assert.True(Stopwatch.GetElapsedTime(fifo.StalledAt, abandonedAt) < TimeSpan.FromSeconds(8));
            Assert.Equal(AudioSourceState.Faulted, source.State);
            Assert.False(source.RecoversFromFaults);
            Assert.Contains($"Audio device '{name}' (ALSA", source.Fault!.Message, StringComparison.Ordinal);
            Assert.Contains("stalled and could not be closed within 1000 ms", source.Fault.Message, StringComparison.Ordinal);
            Assert.Contains("no audio arrived for", source.Fault.Message, StringComparison.Ordinal);

            // Pa_StopStream is really stuck: the session of the abandoned stream is still open.
            Assert.Equal(1, PortAudioSession.OpenSessions);
            var written = sink.WrittenSamples;

            // The device's clock runs again: the stuck stop returns, PortAudio is terminated, and the stream that
            // woke up wrote nothing more into the buffer (its gate was shut before the close began).
            fifo.Stalled = false;
            Assert.True(SpinWait.SpinUntil(() => PortAudioSession.OpenSessions == 0, Wait), "the stuck Pa_StopStream never returned after the writer went on");
            Assert.Equal(written, sink.WrittenSamples);
            source.Stop();
            Assert.Equal(AudioSourceState.Stopped, source.State);
        }
        finally
        {
            fifo.Stalled = false;
            SpinWait.SpinUntil(() => PortAudioSession.OpenSessions == 0, Wait);
            source.Dispose();
            alsa.RemoveDevice(name);
        }
    }

    [Fact]
    public void The_service_exits_with_code_1_and_one_error_line_when_its_device_stalls_while_open()
    {
        alsa.RequireAvailable();
        TestPaths.InTempDir("kws-stall-service", RunTheServiceIntoAStall);
    }

    private static void RunTheServiceIntoAStall(string dir)
    {
        const string Device = "kwsstallsvc";
        using var fifo = new PacedFifo(Path.Combine(dir, "stall.pipe"), Noise(10), BytesPerSecond, speed: 1) { StallAfterBytes = 3 * BytesPerSecond };
        var conf = AlsaFileDevices.WriteOneDeviceConfig(dir, Device, fifo.Path);

        var result = EdgeProcess.Run(
            [
                "run", "--Audio:Source=portaudio", $"--Audio:Device={Device}", "--Audio:DeviceSampleRateHz=16000",
                "--Audio:DeviceChannels=1", "--Audio:DeviceSampleFormat=int16", "--Audio:StallTimeoutMs=1000",
                "--Audio:CloseTimeoutMs=1000", "--Stats:IntervalS=0", "--Leds:Enabled=false",
            ],
            environment: new Dictionary<string, string> { ["ALSA_CONFIG_PATH"] = AlsaFileDevices.AlsaConfigPath(conf) },
            timeoutMs: 60_000);
        var exitedAt = Stopwatch.GetTimestamp();
        var all = result.Out + result.Err;

        Assert.True(fifo.StalledAt != 0, $"the device never stalled (3 s of audio were not read): {all}");
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}: {all}");
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains($"Audio source failed: Audio device '{Device}' (ALSA", error, StringComparison.Ordinal);
        Assert.Contains("stalled and could not be closed within 1000 ms", error, StringComparison.Ordinal);
        Assert.Contains($"Audio input lost: '{Device}'", all, StringComparison.Ordinal);

        // Stall (1 s) + health check + close deadline (1 s) + stopping the host: well inside the watchdog's 10 s.
        var stallToExit = Stopwatch.GetElapsedTime(fifo.StalledAt, exitedAt);
        Assert.True(stallToExit < TimeSpan.FromSeconds(10), $"exited {stallToExit.TotalSeconds:F1} s after the stall: {all}");
    }
}
