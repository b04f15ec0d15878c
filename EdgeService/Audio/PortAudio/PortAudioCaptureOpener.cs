using Kws.Audio.Conversion;
using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using Kws.Audio;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// Opens live capture through PortAudio: a fresh PortAudio session (so devices plugged in since the last attempt are
/// seen), the device chosen by <c>Audio:Device</c> (<see cref="DeviceSelector"/>), the first format it accepts
/// (<see cref="CaptureFormatPlanner"/>, checked with Pa_IsFormatSupported), and a converter to mono float at the
/// output rate. Device problems become <see cref="AudioDeviceUnavailableException"/> (the supervisor retries);
/// a missing library is <see cref="PortAudioLibraryMissingException"/>; bad settings are <see cref="ArgumentException"/>.
/// </summary>
internal sealed unsafe class PortAudioCaptureOpener : ICaptureOpener
{
    private readonly AudioOptions _options;
    private readonly ChannelSelection _channel;

    /// <summary>Makes the opener for validated <paramref name="options"/>.</summary>
    /// <param name="options">The capture settings.</param>
    public PortAudioCaptureOpener(AudioOptions options)
    {
        OptionsGuard.ThrowIfInvalid(options, "audio capture options");
        _options = options;
        _channel = ChannelSelection.Parse(options.Channel);
    }

    /// <inheritdoc />
    public ICaptureSession Open(IAudioRingWriter target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.SampleRateHz != PipelineAudio.SampleRateHz)
        {
            throw new ArgumentException($"The ring buffer runs at {target.SampleRateHz} Hz; capture writes {PipelineAudio.SampleRateHz} Hz.", nameof(target));
        }

        PortAudioSession session;
        try
        {
            session = PortAudioSession.Open();
        }
        catch (PortAudioException e)
        {
            throw new AudioDeviceUnavailableException($"PortAudio could not start: {e.Message}", e);
        }

        try
        {
            var device = DeviceSelector.Select(PortAudioDeviceCatalog.ListInputDevices(session), _options.Device);
            var info = PaNative.Pa_GetDeviceInfo(device.Index);
            var latency = info == null ? 0.1 : info->DefaultHighInputLatency;
            var format = CaptureFormatPlanner.Choose(device, _options, f => IsSupported(device.Index, f, latency));
            var framesPerBuffer = Math.Max(16, format.SampleRateHz * _options.DeviceBufferMs / 1000);
            var converter = new AudioConverter(format, _channel, PipelineAudio.SampleRateHz, _options.HighPassHz, framesPerBuffer);
            return PortAudioCapture.Start(session, device, format, framesPerBuffer, latency, converter, target);
        }
        catch (PortAudioException e)
        {
            session.Dispose();
            throw new AudioDeviceUnavailableException(e.Message, e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static bool IsSupported(int device, AudioFormat format, double latency)
    {
        var parameters = new PaStreamParameters
        {
            Device = device,
            ChannelCount = format.Channels,
            SampleFormat = PortAudioCapture.ToPaFormat(format.SampleType),
            SuggestedLatency = latency,
        };
        return PaNative.Pa_IsFormatSupported(&parameters, null, format.SampleRateHz) == PaErrorCode.NoError;
    }
}
