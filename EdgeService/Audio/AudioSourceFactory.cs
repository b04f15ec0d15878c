using EdgeService.Audio.PortAudio;
using EdgeService.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <summary>Makes the configured <see cref="IAudioSource"/> (<c>Audio:Source</c>).</summary>
internal static class AudioSourceFactory
{
    public static IAudioSource Create(AudioOptions options, AudioCaptureOptions capture, TimeProvider time, ILoggerFactory logs) => options.Source switch
    {
        "file" => new FileAudioSource(options.Path, time, options.Realtime),
        "stdin" => new StdinAudioSource(time, options.StdinSampleRateHz),
        "portaudio" => new ResilientAudioSource(new PortAudioCaptureOpener(capture), capture, time, logs.CreateLogger<ResilientAudioSource>()),
        _ => throw new Hosting.ConfigurationException($"Audio:Source is '{options.Source}'; it must be 'portaudio', 'file' or 'stdin'"),
    };
}
