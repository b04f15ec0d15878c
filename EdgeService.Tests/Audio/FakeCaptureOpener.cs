using Kws.Detection.Pipeline;
using EdgeService.Audio;

namespace EdgeService.Tests.Audio;

/// <summary>
/// An opener that fails while <see cref="Present"/> is false and otherwise hands out new fake sessions. With
/// <see cref="BlockOpen"/> each Open blocks (as a driver stuck on a device does) until <see cref="ReleaseOpen"/>, or,
/// as a safety net, 30 s.
/// </summary>
internal sealed class FakeCaptureOpener(TimeProvider clock) : ICaptureOpener
{
    private readonly ManualResetEventSlim _releaseOpen = new(false);

    public bool Present { get; set; } = true;

    /// <summary>When set, thrown by the next attempts instead of the "not present" error.</summary>
    public Exception? Throw { get; set; }

    public List<DateTimeOffset> Attempts { get; } = [];

    public List<FakeCaptureSession> Sessions { get; } = [];

    public List<IAudioRingWriter> Targets { get; } = [];

    /// <summary>When true, the sessions handed out block in Dispose until released (see <see cref="FakeCaptureSession.BlockDispose"/>).</summary>
    public bool BlockDispose { get; set; }

    /// <summary>When true, Open blocks until <see cref="ReleaseOpen"/>.</summary>
    public bool BlockOpen { get; set; }

    /// <summary>Set when an Open is entered.</summary>
    public ManualResetEventSlim OpenEntered { get; } = new(false);

    /// <summary>Which thread called Open last (null before).</summary>
    public Thread? OpenedOn { get; private set; }

    /// <summary>Lets blocked Opens return.</summary>
    public void ReleaseOpen() => _releaseOpen.Set();

    public ICaptureSession Open(IAudioRingWriter target)
    {
        Attempts.Add(clock.GetUtcNow());
        OpenedOn = Thread.CurrentThread;
        OpenEntered.Set();
        if (BlockOpen)
        {
            _releaseOpen.Wait(TimeSpan.FromSeconds(30));
        }

        if (Throw is not null)
        {
            throw Throw;
        }

        if (!Present)
        {
            throw new AudioDeviceUnavailableException("Audio:Device is 'usb', but no input device's name contains it.");
        }

        var session = new FakeCaptureSession($"'fake mic #{Sessions.Count + 1}'") { BlockDispose = BlockDispose };
        Sessions.Add(session);
        Targets.Add(target);
        return session;
    }
}
