
using Kws.Audio.Conversion;
using Kws.Detection.Options;

namespace EdgeService.Audio;

/// <summary>
/// Where the audio comes from and how the microphone is captured (section <c>Audio</c>; the key names are fixed: other
/// tools use them). Every source delivers <see cref="Kws.Audio.PipelineAudio.SampleRateHz"/> mono to the pipeline; the
/// device's own rate, channels and format are converted by the one chain in <c>Kws.Audio.Conversion</c>. The capture
/// defaults suit a USB or I2S microphone on a Raspberry Pi.
/// </summary>
internal sealed class AudioOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Audio";

    /// <summary><c>portaudio</c> (a microphone), <c>file</c> (a WAV file, <see cref="Path"/>) or <c>stdin</c> (raw S16_LE mono).</summary>
    public string Source { get; set; } = "portaudio";

    /// <summary>The WAV file for <c>file</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>For <c>file</c>: pace the file in real time (true) or play it as fast as the pipeline goes (false).</summary>
    public bool Realtime { get; set; } = true;

    /// <summary>For <c>stdin</c>: the sample rate of the raw S16_LE mono stream, in Hz (resampled to 16 kHz when different).</summary>
    public int StdinSampleRateHz { get; set; } = 16000;

    /// <summary>Ring buffer between the source and the pipeline, in ms of audio; on overflow the oldest audio is dropped and counted.</summary>
    public int RingBufferMs { get; set; } = 2000;

    /// <summary>
    /// Which input device: empty (or "default") for the default input device; a number for a device index (as
    /// <c>kws-edge devices</c> lists them); anything else is a case-insensitive part of the device's name (an exact
    /// name wins, otherwise the first match in index order).
    /// </summary>
    public string Device { get; set; } = string.Empty;

    /// <summary>"auto" (default), "mix", or a channel index (0 = left, 1 = right): how channels become mono. See <see cref="ChannelMode"/>.</summary>
    public string Channel { get; set; } = "auto";

    /// <summary>Forces the device's sample rate, Hz; 0 (default) = 16 kHz if the device supports it, else its default rate (then 48000, 44100).</summary>
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
        if (Source is not ("portaudio" or "file" or "stdin"))
        {
            problems.Add($"Audio:Source is '{Source}'; it must be 'portaudio', 'file' or 'stdin'.");
        }

        if (Source == "file" && Path.Length == 0)
        {
            problems.Add("Audio:Source is 'file' but Audio:Path is empty; name a WAV file.");
        }
        else if (Source == "file" && !File.Exists(Path))
        {
            problems.Add($"Audio:Path '{Path}' does not exist.");
        }

        if (StdinSampleRateHz is < 8000 or > 192000)
        {
            problems.Add($"Audio:StdinSampleRateHz is {StdinSampleRateHz}; it must be between 8000 and 192000 Hz.");
        }

        if (RingBufferMs is < 100 or > 60000)
        {
            problems.Add($"Audio:RingBufferMs is {RingBufferMs}; it must be between 100 and 60000 ms.");
        }

        if (!ChannelSelection.TryParse(Channel, out _))
        {
            problems.Add($"Audio:Channel is '{Channel}'; use \"auto\", \"mix\" or a channel index (0, 1, ...).");
        }

        if (!CaptureFormatPlanner.TryParseSampleFormat(DeviceSampleFormat, out _))
        {
            problems.Add($"Audio:DeviceSampleFormat is '{DeviceSampleFormat}'; use auto, float32, int32 or int16.");
        }

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
