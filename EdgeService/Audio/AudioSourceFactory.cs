using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using EdgeService.Audio.PortAudio;
using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <summary>Makes the configured <see cref="IAudioSource"/> (<c>Audio:Source</c>).</summary>
internal static class AudioSourceFactory
{
    public static IAudioSource Create(AudioOptions options, TimeProvider time, ILoggerFactory logs) => options.Source switch
    {
        "file" => new FileAudioSource(options.Path, time, options.Realtime),
        "stdin" => new StdinAudioSource(time, options.StdinSampleRateHz),
        "portaudio" => new ResilientAudioSource(new PortAudioCaptureOpener(options), options, time, logs.CreateLogger<ResilientAudioSource>()),
        _ => throw new ConfigurationException($"Audio:Source is '{options.Source}'; it must be 'portaudio', 'file' or 'stdin'"),
    };
}
