using Kws.Audio.Conversion;
using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Audio.PortAudio;
using EdgeService.Tests.Fakes;
using Kws.Audio;

namespace EdgeService.Tests.Audio;

/// <summary>Capture through the real libportaudio (ALSA host API) from ALSA file devices (see <see cref="AlsaFileDevices"/>).</summary>
[Collection("PortAudio")]
public sealed class PortAudioCaptureTests(AlsaFileDevices alsa)
{
    private const int Seconds1 = 16000;

    private static AudioOptions I2sOptions(string device, string channel = "auto") => new()
    {
        Device = device,
        Channel = channel,
        DeviceSampleRateHz = 48000,
        DeviceChannels = 2,
        DeviceSampleFormat = "int32",
    };

    private static float[] Capture(AudioOptions options, int samples, Action<ICaptureSession>? inspect = null)
    {
        var sink = new RecordingRingBuffer(PipelineAudio.SampleRateHz, samples);
        using (var session = new PortAudioCaptureOpener(options).Open(sink))
        {
            Assert.True(sink.Full.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), $"only {sink.WrittenSamples} of {samples} samples arrived from {session.Description}");
            Assert.Null(session.FailureReason);
            inspect?.Invoke(session);
        }

        Assert.Equal(0, PortAudioSession.OpenSessions);
        return sink.Samples;
    }

    private float[] OfflineI2s(string channel, int samples)
    {
        var options = I2sOptions("offline", channel);
        var converter = new AudioConverter(new AudioFormat(48000, 2, SampleType.Int32), ChannelSelection.Parse(channel), 16000, options.HighPassHz, 1237);
        var sink = new RecordingRingBuffer(16000, samples);
        converter.Process(alsa.I2sBytes, sink);
        Assert.True(sink.Full.IsSet);
        return sink.Samples;
    }

    [Fact]
    public void Lists_the_input_devices_with_their_host_api()
    {
        alsa.RequireAvailable();
        var devices = PortAudioDeviceCatalog.ListInputDevices();
        Assert.Equal(0, PortAudioSession.OpenSessions);
        foreach (var name in new[] { AlsaFileDevices.Mono16, AlsaFileDevices.Float16, AlsaFileDevices.I2s48 })
        {
            var d = Assert.Single(devices, d => d.Name == name);
            Assert.Equal("ALSA", d.HostApi);
            Assert.True(d.MaxInputChannels >= 2);
            Assert.True(d.DefaultSampleRateHz > 0);
        }

        Assert.Single(devices, d => d.IsDefault);
        Assert.Equal(devices.Select(d => d.Index).Order(), devices.Select(d => d.Index));
    }

    [Fact]
    public void Capture_at_16k_mono_s16_gives_exactly_the_scaled_samples()
    {
        alsa.RequireAvailable();
        var options = new AudioOptions
        {
            Device = AlsaFileDevices.Mono16, DeviceSampleRateHz = 16000, DeviceChannels = 1, DeviceSampleFormat = "int16", HighPassHz = 0,
        };
        var got = Capture(options, Seconds1, s => Assert.Contains("16000 Hz, 1 ch, Int16", s.Description, StringComparison.Ordinal));
        Assert.Equal(alsa.Mono16Samples.Take(Seconds1).Select(s => s / 32768f), got);
    }

    [Fact]
    public void Automatic_format_choice_opens_16k_float_mono_when_the_device_accepts_it()
    {
        alsa.RequireAvailable();
        var options = new AudioOptions { Device = AlsaFileDevices.Float16, HighPassHz = 0 };
        var got = Capture(options, Seconds1, s => Assert.Contains("16000 Hz, 1 ch, Float32", s.Description, StringComparison.Ordinal));
        Assert.Equal(alsa.Float16Samples.Take(Seconds1), got);
    }

    [Theory]
    [InlineData("auto", 1.0)]
    [InlineData("0", 1.0)]
    [InlineData("mix", 0.5)]
    [InlineData("1", 0.0)]
    public void Capture_at_48k_stereo_s32_i2s_matches_the_offline_conversion_and_keeps_the_tone(string channel, double gain)
    {
        alsa.RequireAvailable();
        var got = Capture(I2sOptions(AlsaFileDevices.I2s48, channel), Seconds1);
        Assert.Equal(OfflineI2s(channel, Seconds1), got);

        var settled = got[4000..]; // 0.25 s: the DC high-pass has settled
        var mean = settled.Average(x => (double)x);
        Assert.True(Math.Abs(mean) < 2e-3, $"DC left: {mean}");
        var rms = Math.Sqrt(settled.Average(x => (double)x * x));
        Assert.Equal(gain * AlsaFileDevices.ToneAmplitude / Math.Sqrt(2), rms, 0.005);
        if (gain > 0)
        {
            var crossings = Enumerable.Range(1, settled.Length - 1).Count(i => settled[i - 1] < 0 && settled[i] >= 0);
            var hz = crossings / (settled.Length / 16000.0);
            Assert.InRange(hz, AlsaFileDevices.ToneHz - 3, AlsaFileDevices.ToneHz + 3);
        }
    }

    [Fact]
    public void Devices_are_chosen_by_name_substring_and_by_index()
    {
        alsa.RequireAvailable();
        var expected = OfflineI2s("auto", 4000);
        Assert.Equal(expected, Capture(I2sOptions("I2S4"), 4000));

        var index = PortAudioDeviceCatalog.ListInputDevices().Single(d => d.Name == AlsaFileDevices.I2s48).Index;
        Assert.Equal(expected, Capture(I2sOptions(index.ToString(System.Globalization.CultureInfo.InvariantCulture)), 4000));
    }

    [Fact]
    public void A_device_that_does_not_exist_gives_a_clear_error()
    {
        alsa.RequireAvailable();
        var sink = new RecordingRingBuffer(16000, 10);
        var e = Assert.Throws<AudioDeviceUnavailableException>(() => new PortAudioCaptureOpener(new AudioOptions { Device = "respeaker" }).Open(sink));
        Assert.Contains("Audio:Device is 'respeaker'", e.Message, StringComparison.Ordinal);
        Assert.Contains(AlsaFileDevices.I2s48, e.Message, StringComparison.Ordinal);
        e = Assert.Throws<AudioDeviceUnavailableException>(() => new PortAudioCaptureOpener(new AudioOptions { Device = "999" }).Open(sink));
        Assert.Contains("is 999", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, PortAudioSession.OpenSessions);
        Assert.Equal(0, sink.WrittenSamples);
    }

    [Fact]
    public void The_supervised_source_runs_on_the_real_device_and_stops_cleanly()
    {
        alsa.RequireAvailable();
        var options = I2sOptions(AlsaFileDevices.I2s48);
        var sink = new RecordingRingBuffer(16000, Seconds1);
        using var source = new ResilientAudioSource(new PortAudioCaptureOpener(options), options, TimeProvider.System, new RecordingLogger<ResilientAudioSource>());
        source.Start(sink);
        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.True(sink.Full.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var stats = source.Statistics;
        Assert.Contains(AlsaFileDevices.I2s48, stats.Device, StringComparison.Ordinal);
        Assert.True(stats.CapturedFrames >= 48000);
        source.Stop();
        Assert.Equal(AudioSourceState.Stopped, source.State);
        Assert.Equal(0, PortAudioSession.OpenSessions);
        Assert.Equal(OfflineI2s("auto", Seconds1), sink.Samples);
    }

    [Fact]
    public void A_device_that_appears_later_is_picked_up_by_the_retry()
    {
        alsa.RequireAvailable();
        var clock = new FakeTimeProvider();
        var name = $"kwslate{Guid.NewGuid():N}"[..14];
        var options = new AudioOptions
        {
            Device = name, DeviceSampleRateHz = 16000, DeviceChannels = 1, DeviceSampleFormat = "int16", HighPassHz = 0,
        };
        var sink = new RecordingRingBuffer(16000, 1000);
        var log = new RecordingLogger<ResilientAudioSource>();
        using var source = new ResilientAudioSource(new PortAudioCaptureOpener(options), options, clock, log);
        source.Start(sink);
        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.Contains($"'{name}'", source.Fault!.Message, StringComparison.Ordinal);
        Assert.Equal(0, PortAudioSession.OpenSessions);

        var samples = Enumerable.Range(0, 4000).Select(i => (short)(i * 7)).ToArray();
        alsa.AddDevice(name, System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan()).ToArray());
        alsa.WriteConfig();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.True(sink.Full.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        source.Stop();
        Assert.Equal(samples.Take(1000).Select(s => s / 32768f), sink.Samples);
    }
}
