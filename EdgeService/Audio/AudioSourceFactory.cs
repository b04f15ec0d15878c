using EdgeService.Pipeline;

namespace EdgeService.Audio;

/// <summary>Makes the configured <see cref="IAudioSource"/> (<c>Audio:Source</c>).</summary>
internal static class AudioSourceFactory
{
    public static IAudioSource Create(AudioOptions options, TimeProvider time) => options.Source switch
    {
        "file" => new FileAudioSource(options.Path, time, options.Realtime),
        "stdin" => new StdinAudioSource(time, options.StdinSampleRateHz),
        "portaudio" => throw new Hosting.ConfigurationException(
            "Audio:Source=portaudio: live capture is not built yet; use --Audio:Source=file --Audio:Path=FILE.wav or --Audio:Source=stdin"),
        _ => throw new Hosting.ConfigurationException($"Audio:Source is '{options.Source}'; it must be 'portaudio', 'file' or 'stdin'"),
    };
}
