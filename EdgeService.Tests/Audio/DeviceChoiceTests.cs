using EdgeService.Audio;
using Kws.Audio;

namespace EdgeService.Tests.Audio;

public sealed class DeviceChoiceTests
{
    private static readonly AudioInputDevice[] Devices =
    [
        new(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0)", "ALSA", 2, 44100, false),
        new(3, "USB PnP Sound Device: Audio (hw:1,0)", "ALSA", 1, 48000, false),
        new(5, "sysdefault", "ALSA", 128, 48000, false),
        new(7, "default", "ALSA", 128, 44100, true),
        new(8, "usb", "ALSA", 1, 48000, false),
    ];

    [Theory]
    [InlineData("", 7)]
    [InlineData("default", 7)]
    [InlineData("usb pnp", 3)]
    [InlineData("USB", 8)] // an exact name wins over earlier partial matches
    [InlineData("hw:0", 0)]
    [InlineData("5", 5)]
    public void Devices_are_chosen_by_default_name_or_index(string spec, int expected)
    {
        Assert.Equal(expected, DeviceSelector.Select(Devices, spec).Index);
    }

    [Theory]
    [InlineData("respeaker", "'respeaker'")]
    [InlineData("4", "is 4")]
    public void A_device_that_does_not_exist_gives_a_clear_error_listing_the_devices(string spec, string named)
    {
        var e = Assert.Throws<AudioDeviceUnavailableException>(() => DeviceSelector.Select(Devices, spec));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Contains("3 'USB PnP Sound Device: Audio (hw:1,0)' (ALSA, 1 ch, 48000 Hz)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_device_at_all_says_so()
    {
        var e = Assert.Throws<AudioDeviceUnavailableException>(() => DeviceSelector.Select([], ""));
        Assert.Contains("No audio input device is present", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_marked_default_the_first_device_is_used()
    {
        Assert.Equal(0, DeviceSelector.Select(Devices.Where(d => !d.IsDefault && d.Name != "default").ToArray(), null).Index);
    }

    [Fact]
    public void The_output_rate_is_preferred_then_the_device_default_and_float_then_int32_then_int16()
    {
        var device = new AudioInputDevice(1, "i2s", "ALSA", 2, 48000, true);
        var options = new AudioOptions();
        // A device that refuses 16 kHz and float (like many I2S codecs): 48 kHz, 1 channel refused too, int32.
        var chosen = CaptureFormatPlanner.Choose(device, options, f => f.SampleRateHz == 48000 && f.Channels == 2 && f.SampleType != SampleType.Float32);
        Assert.Equal(new AudioFormat(48000, 2, SampleType.Int32), chosen);

        Assert.Equal(new AudioFormat(16000, 1, SampleType.Float32), CaptureFormatPlanner.Choose(device, options, _ => true));
        Assert.Equal(new AudioFormat(16000, 1, SampleType.Int16), CaptureFormatPlanner.Choose(device, options, f => f.SampleType == SampleType.Int16));
        Assert.Equal(new AudioFormat(44100, 1, SampleType.Float32), CaptureFormatPlanner.Choose(device with { DefaultSampleRateHz = 44100 }, options, f => f.SampleRateHz != 16000));
    }

    [Fact]
    public void Forced_settings_narrow_the_search_and_a_channel_index_needs_enough_channels()
    {
        var device = new AudioInputDevice(1, "i2s", "ALSA", 2, 48000, true);
        var forced = new AudioOptions { DeviceSampleRateHz = 48000, DeviceChannels = 2, DeviceSampleFormat = "s32" };
        Assert.Equal([new AudioFormat(48000, 2, SampleType.Int32)], CaptureFormatPlanner.Candidates(device, forced));

        var right = new AudioOptions { Channel = "1" };
        Assert.All(CaptureFormatPlanner.Candidates(device, right), f => Assert.Equal(2, f.Channels));

        var e = Assert.Throws<AudioDeviceUnavailableException>(() => CaptureFormatPlanner.Choose(device, forced, _ => false));
        Assert.Contains("48000 Hz, 2 ch, Int32", e.Message, StringComparison.Ordinal);
        Assert.Contains("Audio:DeviceSampleRateHz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_validation_names_each_bad_setting()
    {
        var problems = new AudioOptions { DeviceSampleFormat = "int8", DeviceBufferMs = 0, RetryMaxDelayMs = 10, HighPassHz = -1 }.Validate();
        Assert.Contains(problems, p => p.Contains("Audio:DeviceSampleFormat", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Audio:DeviceBufferMs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Audio:RetryMaxDelayMs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Audio:HighPassHz", StringComparison.Ordinal));
        Assert.Empty(new AudioOptions().Validate());
    }
}
