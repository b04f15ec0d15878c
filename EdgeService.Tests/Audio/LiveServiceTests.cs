using EdgeService.Tests.Pipeline;
using Kws.Detection.Pipeline;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using EdgeService.Cli;
using EdgeService.Detection;
using EdgeService.Hosting;
using Kws.Audio.Resampling;
using Kws.Audio.Wav;
using EdgeService.Tests.Cli;
using TestSupport;

namespace EdgeService.Tests.Audio;

/// <summary>
/// The whole service, started as a user starts it (<c>kws-edge run --Audio:Source=portaudio --Audio:Device=NAME</c>),
/// capturing through the real PortAudio library from an ALSA file device that behaves like an I2S microphone at
/// 48 kHz: 32-bit stereo frames, 24 significant bits, the right slot empty. The device carries the generated
/// recording through a pipe paced at a few times real time (see <see cref="PacedFifo"/>); the service must find the
/// same keywords at the same times as a replay of the 16 kHz original.
/// </summary>
[Collection("PortAudio")]
public sealed class LiveServiceTests(AlsaFileDevices alsa)
{
    private const string Device = "kwsfixture48";

    /// <summary>How many times faster than real time the device delivers: the 32 s recording takes 8 s.</summary>
    private const double Speed = 4;

    [Fact]
    public void TheServiceOnA48kI2sDeviceDetectsWhatTheReplayDetects()
    {
        alsa.RequireAvailable();
        var fixture = Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav");
        var audio16k = WavReader.ReadFloatMono(fixture, out _);
        var audio48k = Resampler.Resample(audio16k, 16000, 48000);
        var frames = new int[audio48k.Length * 2];
        for (var i = 0; i < audio48k.Length; i++)
        {
            frames[2 * i] = (int)Math.Round(Math.Clamp(audio48k[i], -1f, 1f) * 8388607) << 8;
        }

        // A config of its own, for the child process only: the service reads it through ALSA_CONFIG_PATH.
        var dir = TestPaths.NewTempDir("kws-live");
        using var fifo = new PacedFifo(Path.Combine(dir, "fixture48.pipe"), MemoryMarshal.AsBytes(frames.AsSpan()).ToArray(), 48000 * 8, Speed);
        var conf = AlsaFileDevices.WriteOneDeviceConfig(dir, Device, fifo.Path);

        var sink = new CollectingSink();
        DetectCommand.Detect(fixture, ServiceSettings.Load([]).Detection, sink);
        var expected = sink.Detections;
        Assert.NotEmpty(expected);

        var live = RunLive(conf, expected.Count);
        var described = $"live: {string.Join(", ", live.Select(d => $"{d.Keyword}@{d.TimeS:F2}"))}; replay: {string.Join(", ", expected.Select(d => $"{d.Keyword}@{d.TimeS:F2}"))}";
        Assert.True(live.Count == expected.Count, described);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(live[i].Keyword == expected[i].Keyword && Math.Abs(live[i].TimeS - expected[i].TimeS) <= 0.1, described);
        }
    }

    /// <summary>
    /// Starts kws-edge on the paced device with a ring buffer long enough for the whole recording (so a slow start or
    /// a stall on a busy machine loses nothing), reads detections until <paramref name="wanted"/> arrived or 30 s passed,
    /// then stops it with SIGTERM, which must end it cleanly.
    /// </summary>
    private static List<KeywordDetection> RunLive(string alsaConfig, int wanted)
    {
        var info = EdgeProcess.StartInfo(
            [
                "run", "--json", "--Audio:Source=portaudio", $"--Audio:Device={Device}",
                "--Audio:DeviceSampleRateHz=48000", "--Audio:DeviceChannels=2", "--Audio:DeviceSampleFormat=int32",
                "--Audio:RingBufferMs=60000", "--Stats:IntervalS=0", "--Leds:Enabled=false",
            ],
            redirectStandardInput: false);
        info.Environment["ALSA_CONFIG_PATH"] = AlsaFileDevices.AlsaConfigPath(alsaConfig);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var detections = new List<KeywordDetection>();
        var deadline = Stopwatch.StartNew();
        var reader = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                lock (detections)
                {
                    detections.Add(new KeywordDetection(root.GetProperty("keyword").GetString()!, root.GetProperty("time_s").GetDouble(), (float)root.GetProperty("score").GetDouble(), 0));
                }
            }
        });
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            lock (detections)
            {
                if (detections.Count >= wanted)
                {
                    break;
                }
            }

            Thread.Sleep(100);
        }

        Thread.Sleep(500);   // a little longer: a detection too many must show up too
        if (process.HasExited)
        {
            Assert.Fail($"kws-edge ended early: {stderr.Result}");
        }

        EdgeProcess.Signal(process.Id, "TERM");

        if (!process.WaitForExit(15000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("kws-edge did not stop within 15 s of SIGTERM");
        }

        reader.Wait(5000);
        if (process.ExitCode != 0)
        {
            Assert.Fail($"exit code {process.ExitCode}: {stderr.Result}");
        }
        lock (detections)
        {
            return [.. detections];
        }
    }
}
