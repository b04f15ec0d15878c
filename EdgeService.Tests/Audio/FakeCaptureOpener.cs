using EdgeService.Audio;
using EdgeService.Pipeline;

namespace EdgeService.Tests.Audio;

/// <summary>An opener that fails while <see cref="Present"/> is false and otherwise hands out new fake sessions.</summary>
internal sealed class FakeCaptureOpener(TimeProvider clock) : ICaptureOpener
{
    public bool Present { get; set; } = true;

    /// <summary>When set, thrown by the next attempts instead of the "not present" error.</summary>
    public Exception? Throw { get; set; }

    public List<DateTimeOffset> Attempts { get; } = [];

    public List<FakeCaptureSession> Sessions { get; } = [];

    public List<IAudioRingBuffer> Targets { get; } = [];

    /// <summary>When true, the sessions handed out block in Dispose until released (see <see cref="FakeCaptureSession.BlockDispose"/>).</summary>
    public bool BlockDispose { get; set; }

    public ICaptureSession Open(IAudioRingBuffer target)
    {
        Attempts.Add(clock.GetUtcNow());
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
