
using Kws.Audio.Conversion;
using Kws.Detection.Pipeline;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// What the PortAudio callback works on (reached through a GCHandle passed as userData): the converter and the ring
/// buffer, plus counters. <c>OnInput</c> runs on PortAudio's audio thread: it only counts, converts and copies;
/// it never allocates, locks, logs or throws. The counters are written by that thread only and read from any thread.
/// </summary>
internal sealed unsafe class CaptureCallbackState(AudioConverter converter, IAudioRingWriter target)
{
    private readonly int _bytesPerFrame = converter.NativeFormat.BytesPerFrame;
    private long _frames;
    private long _overflows;
    private long _callbacks;
    private Exception? _failure;

    /// <summary>Native frames delivered so far.</summary>
    public long CapturedFrames => Volatile.Read(ref _frames);

    /// <summary>Callbacks flagged with paInputOverflow so far.</summary>
    public long InputOverflows => Volatile.Read(ref _overflows);

    /// <summary>Callbacks so far.</summary>
    public long Callbacks => Volatile.Read(ref _callbacks);

    /// <summary>The exception that ended the callback, if one did (the stream was then told to abort).</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Handles one buffer of <paramref name="frameCount"/> interleaved frames at <paramref name="input"/>.</summary>
    /// <returns>paContinue, or paAbort after a failure.</returns>
    public int OnInput(void* input, nuint frameCount, nuint statusFlags) =>
        OnInput(input == null ? default : new ReadOnlySpan<byte>(input, (int)frameCount * _bytesPerFrame), statusFlags);

    /// <summary>Handles one buffer of interleaved native frames (the callback's body; tests call it directly).</summary>
    /// <returns>paContinue, or paAbort after a failure.</returns>
    public int OnInput(ReadOnlySpan<byte> input, nuint statusFlags)
    {
        try
        {
            Volatile.Write(ref _callbacks, _callbacks + 1);
            if ((statusFlags & PaStreamStatus.InputOverflow) != 0)
            {
                Volatile.Write(ref _overflows, _overflows + 1);
            }

            if (!input.IsEmpty)
            {
                converter.Process(input, target);
                Volatile.Write(ref _frames, _frames + (input.Length / _bytesPerFrame));
            }

            return PaStreamStatus.Continue;
        }
        catch (Exception e)
        {
            Volatile.Write(ref _failure, e);
            return PaStreamStatus.Abort;
        }
    }
}
