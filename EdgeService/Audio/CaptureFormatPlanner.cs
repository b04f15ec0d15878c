using Kws.Audio.Conversion;
using Kws.Audio;

namespace EdgeService.Audio;

/// <summary>
/// Picks the format to open a device in. Preference: the output rate (no resampling), else the device's default rate,
/// else 48000, else 44100; at each rate the fewest channels the channel choice needs (then 2, then the device's
/// maximum); for each, float32, else int32, else int16. Settings that force a rate, channel count or sample type
/// narrow the search to that value. The first format the device accepts wins.
/// </summary>
internal static class CaptureFormatPlanner
{
    private static readonly SampleType[] PreferredTypes = [SampleType.Float32, SampleType.Int32, SampleType.Int16];

    /// <summary>The candidates in order of preference.</summary>
    /// <param name="device">The device (its default rate and channel count).</param>
    /// <param name="options">The capture settings (output rate, forced values).</param>
    public static IReadOnlyList<AudioFormat> Candidates(AudioInputDevice device, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        var channel = ChannelSelection.Parse(options.Channel);
        int[] rates = options.DeviceSampleRateHz > 0
            ? [options.DeviceSampleRateHz]
            : [PipelineAudio.SampleRateHz, (int)Math.Round(device.DefaultSampleRateHz), 48_000, 44_100];
        int[] channels = options.DeviceChannels > 0
            ? [options.DeviceChannels]
            : [channel.MinChannels, 2, device.MaxInputChannels];
        _ = TryParseSampleFormat(options.DeviceSampleFormat, out var forced);
        SampleType[] types = forced is { } t ? [t] : PreferredTypes;

        var result = new List<AudioFormat>();
        foreach (var rate in rates.Where(r => r > 0).Distinct())
        {
            foreach (var ch in channels.Where(c => c >= channel.MinChannels && c >= 1 && (c <= device.MaxInputChannels || options.DeviceChannels > 0)).Distinct())
            {
                result.AddRange(types.Select(type => new AudioFormat(rate, ch, type)));
            }
        }

        return result;
    }

    /// <summary>The first candidate <paramref name="isSupported"/> accepts.</summary>
    /// <exception cref="AudioDeviceUnavailableException">None is accepted; the message lists what was tried.</exception>
    public static AudioFormat Choose(AudioInputDevice device, AudioOptions options, Func<AudioFormat, bool> isSupported)
    {
        ArgumentNullException.ThrowIfNull(isSupported);
        var candidates = Candidates(device, options);
        foreach (var format in candidates)
        {
            if (isSupported(format))
            {
                return format;
            }
        }

        var tried = candidates.Count == 0 ? "nothing (the channel choice needs more channels than it has)" : string.Join("; ", candidates);
        throw new AudioDeviceUnavailableException(
            $"Audio device {device} accepts none of the capture formats tried: {tried}. " +
            "Check Audio:Channel, Audio:DeviceSampleRateHz, Audio:DeviceChannels and Audio:DeviceSampleFormat.");
    }

    /// <summary>Parses <c>Audio:DeviceSampleFormat</c>: "auto"/empty gives null; float32, int32, int16 their types.</summary>
    public static bool TryParseSampleFormat(string? text, out SampleType? type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                type = null;
                return true;
            case "float32" or "f32" or "float":
                type = SampleType.Float32;
                return true;
            case "int32" or "s32" or "s32_le":
                type = SampleType.Int32;
                return true;
            case "int16" or "s16" or "s16_le":
                type = SampleType.Int16;
                return true;
            default:
                type = null;
                return false;
        }
    }
}
