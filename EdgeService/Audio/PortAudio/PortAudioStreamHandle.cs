using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// An open <c>PaStream*</c>. Releasing it closes the stream (<c>Pa_CloseStream</c>) and then lets go of the
/// <see cref="PortAudioSession"/> it was opened in. Stop the stream (<c>Pa_StopStream</c>) before disposing:
/// closing an active stream aborts it, which on ALSA cancels the callback thread.
/// </summary>
internal sealed class PortAudioStreamHandle : SafeHandle
{
    private PortAudioSession? _session;

    /// <summary>An empty handle for Pa_OpenStream to fill.</summary>
    public PortAudioStreamHandle()
        : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of <paramref name="stream"/>, keeping <paramref name="session"/> alive until it is closed.</summary>
    public void Attach(nint stream, PortAudioSession session)
    {
        var added = false;
        session.DangerousAddRef(ref added);
        _session = session;
        SetHandle(stream);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        var error = PaNative.Pa_CloseStream(handle);
        _session?.DangerousRelease();
        _session = null;
        return error >= 0;
    }
}
