using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// One successful <c>Pa_Initialize</c>, released by exactly one <c>Pa_Terminate</c>. PortAudio counts initialisations
/// itself (it terminates for real when the last one is released), so each session is one reference; streams hold a
/// reference to their session (<see cref="SafeHandle.DangerousAddRef"/>) so the library is never terminated under an
/// open stream. PortAudio scans devices only when its count goes from 0 to 1: to see a device plugged in later,
/// every session must be released first (the capture supervisor keeps none open while it waits to retry).
/// Initialisation and termination are serialised by a process-wide lock (they are not thread-safe).
/// </summary>
internal sealed class PortAudioSession : SafeHandle
{
    private static readonly Lock InitLock = new();
    private static int s_openSessions;

    private PortAudioSession()
        : base(0, ownsHandle: true)
    {
    }

    /// <summary>How many sessions are open in this process now (tests check that none leak).</summary>
    public static int OpenSessions => Volatile.Read(ref s_openSessions);

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Initialises PortAudio (scanning devices when no other session is open).</summary>
    /// <exception cref="PortAudioLibraryMissingException">libportaudio.so.2 is not installed.</exception>
    /// <exception cref="PortAudioException">Pa_Initialize failed.</exception>
    public static PortAudioSession Open()
    {
        var session = new PortAudioSession();
        lock (InitLock)
        {
            int error;
            try
            {
                AudioLibraryNoise.Silence();
                error = PaNative.Pa_Initialize();
            }
            catch (DllNotFoundException e)
            {
                session.SetHandleAsInvalid();
                throw new PortAudioLibraryMissingException(e);
            }
            catch (EntryPointNotFoundException e)
            {
                session.SetHandleAsInvalid();
                throw new PortAudioLibraryMissingException(e);
            }

            if (error < 0)
            {
                session.SetHandleAsInvalid();
                PortAudioException.ThrowIfError(error, "Pa_Initialize");
            }

            session.SetHandle(1);
            Interlocked.Increment(ref s_openSessions);
        }

        return session;
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        int error;
        lock (InitLock)
        {
            error = PaNative.Pa_Terminate();
            Interlocked.Decrement(ref s_openSessions);
        }

        return error >= 0;
    }
}
