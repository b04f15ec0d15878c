namespace EdgeService.Gpio;

/// <summary>One GPIO chip found by an <see cref="IGpioChipEnumerator"/>.</summary>
/// <param name="Path">Its device, e.g. /dev/gpiochip0.</param>
/// <param name="Name">The kernel's name, e.g. "gpiochip0" (the file name when the chip could not be read).</param>
/// <param name="Label">Its label, e.g. "pinctrl-bcm2711" (empty when it could not be read).</param>
/// <param name="Lines">How many lines it has (0 when it could not be read).</param>
/// <param name="Problem">Why it could not be read (e.g. permission denied); null when it was.</param>
internal sealed record GpioChipDescriptor(string Path, string Name, string Label, int Lines, string? Problem = null)
{
    /// <summary>E.g. "gpiochip0 [pinctrl-bcm2711] (58 lines)", or the path and the problem.</summary>
    public override string ToString() =>
        Problem is null ? $"{Name} [{Label}] ({Lines} lines)" : $"{Path} (unreadable: {Problem})";
}
