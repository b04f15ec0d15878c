using EdgeService.Gpio;

namespace EdgeService.Tests.Gpio;

/// <summary>Requested output lines in memory: the physical level of each line, every write and the release, in order.</summary>
internal sealed class FakeOutputLines(int count) : IGpioOutputLines
{
    private ulong _levels;

    public int Count { get; } = count;

    /// <summary>"set bits/mask" per write, then "released".</summary>
    public List<string> Events { get; } = [];

    public bool Released { get; private set; }

    /// <summary>When set, writes throw this (after recording).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Starts the lines at these physical levels (as the kernel request's initial values would).</summary>
    public FakeOutputLines WithInitial(ulong levels)
    {
        _levels = levels;
        return this;
    }

    public bool IsHigh(int index) => ((_levels >> index) & 1) == 1;

    public void SetValues(ulong bits, ulong mask)
    {
        Events.Add($"set {Convert.ToString((long)bits, 2)}/{Convert.ToString((long)mask, 2)}");
        if (Released)
        {
            throw new ObjectDisposedException("line request");
        }

        if (FailWith is not null)
        {
            throw FailWith;
        }

        _levels = (_levels & ~mask) | (bits & mask);
    }

    public void Dispose()
    {
        Events.Add("released");
        Released = true;
    }
}
