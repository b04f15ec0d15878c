using EdgeService.Leds;
using EdgeService.Detection;

namespace EdgeService.Tests.Fakes;

/// <summary>An LED driver that records every call ("yes:on", "yes:off", "all:off") and the resulting LED states.</summary>
internal sealed class RecordingLedDriver : ILedDriver
{
    private readonly Dictionary<string, bool> _states = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>When set, every call throws this after recording (a failing GPIO line).</summary>
    public Exception? FailWith { get; set; }

    public bool IsOn(string keyword) => _states.TryGetValue(keyword, out var on) && on;

    public void Set(string keyword, bool on)
    {
        Calls.Add($"{keyword}:{(on ? "on" : "off")}");
        _states[keyword] = on;
        if (FailWith is not null)
        {
            throw FailWith;
        }
    }

    public void AllOff()
    {
        Calls.Add("all:off");
        _states.Clear();
        if (FailWith is not null)
        {
            throw FailWith;
        }
    }
}
