using Kws.Audio.Conversion;
using Kws.Detection.Pipeline;
using System.Runtime.InteropServices;
using Kws.Audio;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// A running PortAudio callback stream on one device, converting into a ring buffer. It owns its
/// <see cref="PortAudioSession"/>, the stream and the GCHandle to its <see cref="CaptureCallbackState"/>; Dispose stops
/// the stream (Pa_StopStream waits for the callback to return), closes it, frees the handle and terminates the session.
/// A stream that fails to stop and is not stopped is never closed (closing would abort it: pthread_cancel on a thread
/// running .NET code): it is left open with its handle and session for the life of the process, and Dispose throws
/// <see cref="AudioStreamAbandonedException"/>, a final fault for <see cref="ResilientAudioSource"/>.
/// </summary>
internal sealed unsafe class PortAudioCapture : ICaptureSession
{
    private readonly PortAudioSession _session;
    private readonly PortAudioStreamHandle _stream;
    private readonly CaptureCallbackState _state;
    private GCHandle<CaptureCallbackState> _handle;
    private bool _started;
    private bool _disposed;

    private PortAudioCapture(PortAudioSession session, CaptureCallbackState state, string description)
    {
        _session = session;
        _state = state;
        _stream = new PortAudioStreamHandle();
        _handle = new GCHandle<CaptureCallbackState>(state);
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public long CapturedFrames => _state.CapturedFrames;

    /// <inheritdoc />
    public long InputOverflows => _state.InputOverflows;

    /// <inheritdoc />
    public string? FailureReason
    {
        get
        {
            if (_disposed)
            {
                return "the stream was closed";
            }

            if (_state.Failure is { } failure)
            {
                return $"the capture callback failed: {failure.Message}";
            }

            var active = PaNative.Pa_IsStreamActive(_stream.DangerousGetHandle());
            return active switch
            {
                1 => null,
                0 => "the stream stopped by itself (device unplugged or failed)",
                _ => $"the stream reports an error: {PaNative.ErrorText(active)} (PortAudio error {active})",
            };
        }
    }

    /// <summary>
    /// Opens and starts a callback stream on <paramref name="device"/> in <paramref name="format"/>, taking ownership of
    /// <paramref name="session"/> (it is disposed here if opening fails).
    /// </summary>
    /// <exception cref="PortAudioException">Pa_OpenStream or Pa_StartStream failed.</exception>
    public static PortAudioCapture Start(
        PortAudioSession session, AudioInputDevice device, AudioFormat format, int framesPerBuffer, double suggestedLatencyS, AudioConverter converter, IAudioRingWriter target)
    {
        var state = new CaptureCallbackState(converter, target);
        var description = $"'{device.Name}' ({device.HostApi}, index {device.Index}) at {format} -> {converter.OutputRateHz} Hz mono";
        var capture = new PortAudioCapture(session, state, description);
        try
        {
            capture.OpenAndStart(device.Index, format, framesPerBuffer, suggestedLatencyS);
            return capture;
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>PortAudio's PaSampleFormat for <paramref name="type"/>.</summary>
    public static uint ToPaFormat(SampleType type) => type switch
    {
        SampleType.Int16 => PaSampleFormat.Int16,
        SampleType.Int32 => PaSampleFormat.Int32,
        SampleType.Float32 => PaSampleFormat.Float32,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Capture supports Int16, Int32 and Float32."),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_started)
        {
            // Stop, never abort: on ALSA, Pa_AbortStream cancels the callback thread (pthread_cancel).
            var stream = _stream.DangerousGetHandle();
            var error = PaNative.Pa_StopStream(stream);
            if (error < 0 && PaNative.Pa_IsStreamStopped(stream) != 1)
            {
                _stream.SetHandleAsInvalid(); // never closed, so never aborted; the GCHandle and the session stay
                throw new AudioStreamAbandonedException(Description, $"Pa_StopStream failed: {PaNative.ErrorText(error)} ({error})");
            }
        }

        _stream.Dispose();
        _handle.Dispose();
        _session.Dispose();
    }

    private void OpenAndStart(int deviceIndex, AudioFormat format, int framesPerBuffer, double suggestedLatencyS)
    {
        var parameters = new PaStreamParameters
        {
            Device = deviceIndex,
            ChannelCount = format.Channels,
            SampleFormat = ToPaFormat(format.SampleType),
            SuggestedLatency = suggestedLatencyS,
        };
        nint stream = 0;
        var error = PaNative.Pa_OpenStream(
            &stream, &parameters, null, format.SampleRateHz, (nuint)framesPerBuffer, PaStreamStatus.NoFlag, CaptureCallback.Pointer,
            (void*)GCHandle<CaptureCallbackState>.ToIntPtr(_handle));
        PortAudioException.ThrowIfError(error, $"Pa_OpenStream on {Description}");
        _stream.Attach(stream, _session);
        PortAudioException.ThrowIfError(PaNative.Pa_StartStream(stream), $"Pa_StartStream on {Description}");
        _started = true;
    }
}
