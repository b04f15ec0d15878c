using Kws.Detection.Pipeline;
using Kws.Audio;

namespace EdgeService.Audio;

/// <summary>
/// A source that pulls blocks from a reader (a file, standard input) on its own thread and writes them into the ring
/// buffer. Unlike a microphone it can wait: it never lets the ring overflow (it waits for room, so no audio is lost),
/// and it can pace itself to real time with the injected <see cref="TimeProvider"/>.
/// </summary>
internal abstract class PumpedAudioSource : IAudioSource
{
    private const int BlockSamples = 320;
    private static readonly TimeSpan RoomPoll = TimeSpan.FromMilliseconds(2);
    private readonly TimeProvider _time;
    private readonly bool _realtime;
    private SessionWriteGate? _gate;
    private PumpWaiter? _waiter;
    private Thread? _thread;
    private volatile AudioSourceState _state = AudioSourceState.Stopped;

    protected PumpedAudioSource(TimeProvider time, bool realtime)
    {
        _time = time;
        _realtime = realtime;
    }

    /// <summary>What the source writes: mono float32 at the pipeline's rate.</summary>
    public AudioFormat Format { get; } = AudioFormat.Mono16kFloat;

    /// <inheritdoc />
    public AudioSourceState State => _state;

    /// <inheritdoc />
    public bool RecoversFromFaults => false;

    /// <inheritdoc />
    public Exception? Fault { get; private set; }

    /// <inheritdoc />
    public event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged;

    /// <summary>A name for logs and thread names.</summary>
    protected abstract string Name { get; }

    /// <inheritdoc />
    public void Start(IAudioRingWriter target)
    {
        if (_state == AudioSourceState.Running)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        SampleClock.RequireRate(target.SampleRateHz, Name);
        if (target.SampleRateHz != Format.SampleRateHz)
        {
            throw new ArgumentException($"{Name} writes {Format.SampleRateHz} Hz but the ring buffer is {target.SampleRateHz} Hz");
        }

        Open();
        var gate = new SessionWriteGate(target);
        _gate = gate;
        var waiter = new PumpWaiter(_time); // the pump thread disposes it when it ends
        _waiter = waiter;
        SetState(AudioSourceState.Running, null);
        _thread = new Thread(() => Pump(gate, waiter)) { IsBackground = true, Name = Name };
        _thread.Start();
    }

    /// <summary>
    /// Stops writing. The pump thread is told to stop and waited for up to a second; a thread still blocked in a read
    /// (standard input that is open but silent) is left behind: it is a background thread, writes nothing after
    /// this (its writes go through a <see cref="SessionWriteGate"/> that is shut here) and ends with the process.
    /// </summary>
    public void Stop()
    {
        _waiter?.Cancel();
        _gate?.Close();
        if (_thread is not null && _thread != Thread.CurrentThread)
        {
            _thread.Join(TimeSpan.FromSeconds(1));
        }

        _thread = null;
        if (_state == AudioSourceState.Running)
        {
            SetState(AudioSourceState.Stopped, null);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the underlying reader; throws with a clear message when it cannot.</summary>
    protected abstract void Open();

    /// <summary>Fills <paramref name="block"/> with the next 16 kHz mono samples; returns how many (0 at the end).</summary>
    protected abstract int ReadBlock(Span<float> block);

    /// <summary>Releases the underlying reader.</summary>
    protected abstract void Close();

    private void Pump(IAudioRingWriter ring, PumpWaiter waiter)
    {
        using var owned = waiter;
        try
        {
            var block = new float[BlockSamples];
            var started = _time.GetTimestamp();
            long written = 0;
            while (!waiter.IsCancelled)
            {
                var n = ReadBlock(block);
                if (n == 0)
                {
                    SetState(AudioSourceState.Completed, null);
                    return;
                }

                if (!WaitForRoom(ring, n, waiter) || (_realtime && !WaitUntil(started, written + n, waiter)))
                {
                    return; // stopped
                }

                ring.Write(block.AsSpan(0, n));
                written += n;
            }
        }
        catch (Exception e) when (!waiter.IsCancelled)
        {
            SetState(AudioSourceState.Faulted, e);
        }
        catch (Exception) when (waiter.IsCancelled)
        {
            // Stopped while reading: the gate is shut and nothing more is written.
        }
    }

    /// <summary>Waits (on the clock) until the ring has room for <paramref name="n"/> samples; false when stopped.</summary>
    private static bool WaitForRoom(IAudioRingWriter ring, int n, PumpWaiter waiter)
    {
        while (ring.Room < n)
        {
            if (!waiter.Wait(RoomPoll))
            {
                return false;
            }
        }

        return !waiter.IsCancelled;
    }

    /// <summary>Waits until the clock has reached the play time of sample <paramref name="samples"/>; false when stopped.</summary>
    private bool WaitUntil(long started, long samples, PumpWaiter waiter)
    {
        var due = TimeSpan.FromSeconds((double)samples / Format.SampleRateHz);
        for (var wait = due - _time.GetElapsedTime(started); wait > TimeSpan.Zero; wait = due - _time.GetElapsedTime(started))
        {
            if (!waiter.Wait(wait))
            {
                return false;
            }
        }

        return !waiter.IsCancelled;
    }

    private void SetState(AudioSourceState state, Exception? fault)
    {
        Fault = fault;
        _state = state;
        StateChanged?.Invoke(this, new AudioSourceStateChangedEventArgs(state, fault));
    }
}
