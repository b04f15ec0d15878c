using EdgeService.Gpio;

namespace EdgeService.Tests.Gpio;

/// <summary>A fixed list of chips, as if read from /dev.</summary>
internal sealed class FakeChipEnumerator(params GpioChipDescriptor[] chips) : IGpioChipEnumerator
{
    public string DevFolder => "/fake/dev";

    public int Calls { get; private set; }

    public IReadOnlyList<GpioChipDescriptor> Enumerate()
    {
        Calls++;
        return chips;
    }

    public static GpioChipDescriptor Chip(int n, string label, int lines = 54) =>
        new($"/fake/dev/gpiochip{n}", $"gpiochip{n}", label, lines);
}
