using EdgeService.Pipeline;

namespace EdgeService.Audio;

/// <summary>
/// Live capture settings, bound from the <c>Audio</c> configuration section (e.g. <c>Audio:Device</c>,
/// <c>Audio:Channel</c>). The defaults suit a USB or I2S microphone on a Raspberry Pi.
/// </summary>
internal sealed class AudioCaptureOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Audio";

    /// <summary>
    /// Which input device: empty (or "default") for the default input device; a number for a device index (as
    /// <c>kws-edge devices</c> lists them); anything else is a case-insensitive part of the device's name (an exact
    /// name wins, otherwise the first match in index order).
    /// </summary>
    public string Device { get; set; } = string.Empty;

    /// <summary>"auto" (default), "mix", or a channel index (0 = left, 1 = right): how channels become mono. See <see cref="ChannelMode"/>.</summary>
    public string Channel { get; set; } = "auto";

    /// <summary>The rate of the samples the pipeline reads, Hz (the model's rate). Default 16000.</summary>
    public int OutputSampleRateHz { get; set; } = 16000;

    /// <summary>Forces the device's sample rate, Hz; 0 (default) = the output rate if the device supports it, else its default rate (then 48000, 44100).</summary>
    public int DeviceSampleRateHz { get; set; }

    /// <summary>Forces the device's channel count; 0 (default) = the fewest the channel choice needs that the device accepts.</summary>
    public int DeviceChannels { get; set; }

    /// <summary>Forces the device's sample format: "auto" (default: float32, else int32, else int16), "float32", "int32" or "int16".</summary>
    public string DeviceSampleFormat { get; set; } = "auto";

    /// <summary>The DC-removal high-pass corner, Hz; 0 turns it off. Default 20.</summary>
    public double HighPassHz { get; set; } = 20;

    /// <summary>Audio per device buffer (one callback), ms. Default 20.</summary>
    public int DeviceBufferMs { get; set; } = 20;

    /// <summary>The first wait before reopening a lost or absent device, ms; it doubles after each failure. Default 1000.</summary>
    public int RetryInitialDelayMs { get; set; } = 1000;

    /// <summary>The longest wait between reopen attempts, ms. Default 30000.</summary>
    public int RetryMaxDelayMs { get; set; } = 30_000;

    /// <summary>A running stream that delivers no audio for this long is taken as lost, ms. Default 2000.</summary>
    public int StallTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// How long closing a stream may take, ms. Default 2000. Closing waits for the audio driver; a stream not closed in
    /// time (a device whose clock stopped while open) is abandoned, and the service exits to be restarted.
    /// </summary>
    public int CloseTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// How long opening a stream may take, ms (PortAudio's device scan, Pa_OpenStream and Pa_StartStream together).
    /// Default 10000. An open not finished in time (a driver stuck on a device) is abandoned, and the service exits to
    /// be restarted.
    /// </summary>
    public int OpenTimeoutMs { get; set; } = 10_000;

    /// <summary>How often the stream's health and overflow count are checked, ms. Default 250.</summary>
    public int HealthCheckIntervalMs { get; set; } = 250;

    /// <summary>At most one overflow warning per this many ms (the count in between is summed). Default 10000.</summary>
    public int OverflowLogIntervalMs { get; set; } = 10_000;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!ChannelSelection.TryParse(Channel, out _))
        {
            problems.Add($"Audio:Channel is '{Channel}'; use \"auto\", \"mix\" or a channel index (0, 1, ...).");
        }

        if (!CaptureFormatPlanner.TryParseSampleFormat(DeviceSampleFormat, out _))
        {
            problems.Add($"Audio:DeviceSampleFormat is '{DeviceSampleFormat}'; use auto, float32, int32 or int16.");
        }

        Range(problems, nameof(OutputSampleRateHz), OutputSampleRateHz, 8000, 192_000, "Hz");
        if (DeviceSampleRateHz != 0)
        {
            Range(problems, nameof(DeviceSampleRateHz), DeviceSampleRateHz, 8000, 384_000, "Hz (or 0 for automatic)");
        }

        Range(problems, nameof(DeviceChannels), DeviceChannels, 0, 64, "(0 for automatic)");
        if (!(HighPassHz >= 0 && HighPassHz <= 1000))
        {
            problems.Add($"Audio:HighPassHz is {HighPassHz}; it must be between 0 (off) and 1000 Hz.");
        }

        Range(problems, nameof(DeviceBufferMs), DeviceBufferMs, 1, 500, "ms");
        Range(problems, nameof(RetryInitialDelayMs), RetryInitialDelayMs, 10, 600_000, "ms");
        Range(problems, nameof(RetryMaxDelayMs), RetryMaxDelayMs, RetryInitialDelayMs, 3_600_000, "ms (and at least RetryInitialDelayMs)");
        Range(problems, nameof(StallTimeoutMs), StallTimeoutMs, 100, 600_000, "ms");
        Range(problems, nameof(CloseTimeoutMs), CloseTimeoutMs, 100, 60_000, "ms");
        Range(problems, nameof(OpenTimeoutMs), OpenTimeoutMs, 100, 120_000, "ms");
        Range(problems, nameof(HealthCheckIntervalMs), HealthCheckIntervalMs, 10, 60_000, "ms");
        Range(problems, nameof(OverflowLogIntervalMs), OverflowLogIntervalMs, 0, 3_600_000, "ms");
        return problems;
    }

    private static void Range(List<string> problems, string name, long value, long min, long max, string unit)
    {
        if (value < min || value > max)
        {
            problems.Add($"Audio:{name} is {value}; it must be between {min} and {max} {unit}.");
        }
    }
}
