using EdgeService.Pipeline;

namespace EdgeService.Audio;

/// <summary>
/// Where the audio comes from (section <c>Audio</c>; the key names are fixed: other tools use them). The microphone's
/// own settings (Audio:Device, Audio:Channel, ...) are in <see cref="AudioCaptureOptions"/>, bound from the same section.
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

        return problems;
    }
}
