using Kws.Detection.Pipeline;
using Kws.Audio;

namespace EdgeService.Tests.Systemd;

/// <summary>An audio source whose state the test sets; it writes nothing.</summary>
internal sealed class FakeAudioSource(bool recoversFromFaults) : IAudioSource
{
    public event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged;


    public AudioSourceState State { get; private set; } = AudioSourceState.Running;

    public bool RecoversFromFaults { get; } = recoversFromFaults;

    public Exception? Fault { get; private set; }

    public void Set(AudioSourceState state, Exception? fault = null)
    {
        State = state;
        Fault = fault;
        StateChanged?.Invoke(this, new AudioSourceStateChangedEventArgs(state, fault));
    }

    public void Start(IAudioRingWriter target)
    {
    }

    public void Stop()
    {
    }

    public void Dispose()
    {
    }
}
