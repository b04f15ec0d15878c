using EdgeService.Leds;
using System.Text.RegularExpressions;
using EdgeService.Gpio.Native;

namespace EdgeService.Gpio;

/// <summary>
/// Turns the <c>Leds:Chip</c> setting into the chip device to open: a path (anything with a '/'), a kernel name
/// ("gpiochip0"), a label ("pinctrl-rp1"), or <c>auto</c>, which picks the 40-pin header's chip by its label
/// (<see cref="KnownHeaderChips"/>) because the header is not gpiochip0 on every board and kernel (Raspberry Pi 5).
/// </summary>
internal static partial class GpioChipSelector
{
    /// <summary>The setting that asks for automatic choice.</summary>
    public const string Auto = Leds.LedOptions.AutoChip;

    /// <summary>Chooses the chip. A configured chip that does not exist throws <see cref="GpioException"/>;
    /// <c>auto</c> without a known header chip returns a choice without a path (and says why).</summary>
    /// <param name="setting">The value of Leds:Chip.</param>
    /// <param name="chips">The chips of the machine.</param>
    public static GpioChipChoice Select(string setting, IGpioChipEnumerator chips)
    {
        ArgumentNullException.ThrowIfNull(chips);
        var value = (setting ?? string.Empty).Trim();
        if (value.Length == 0 || string.Equals(value, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return SelectAuto(chips);
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            return new GpioChipChoice(value, null, $"Leds:Chip is the path {value}");
        }

        var all = chips.Enumerate();
        var byName = all.FirstOrDefault(c => string.Equals(c.Name, value, StringComparison.Ordinal));
        if (byName is not null)
        {
            return new GpioChipChoice(byName.Path, byName, $"Leds:Chip names {byName}");
        }

        var byLabel = all.FirstOrDefault(c => string.Equals(c.Label, value, StringComparison.Ordinal))
                      ?? all.FirstOrDefault(c => string.Equals(c.Label, value, StringComparison.OrdinalIgnoreCase));
        if (byLabel is not null)
        {
            return new GpioChipChoice(byLabel.Path, byLabel, $"Leds:Chip is the label of {byLabel}");
        }

        var what = NameLike().IsMatch(value) ? $"GPIO chip '{value}' does not exist in {chips.DevFolder}" : $"No GPIO chip in {chips.DevFolder} is labelled '{value}'";
        throw new GpioException($"{what}; {Listing(all)} Set Leds:Chip to one of them, a path, or auto (see docs/GPIO.md).", value, null, Errno.ENOENT);
    }

    private static GpioChipChoice SelectAuto(IGpioChipEnumerator chips)
    {
        var all = chips.Enumerate();
        if (all.Count == 0)
        {
            return new GpioChipChoice(null, null, $"no GPIO chips (no {Path.Combine(chips.DevFolder, "gpiochip*")}) on this machine");
        }

        foreach (var (label, board) in KnownHeaderChips.All)
        {
            var chip = all.FirstOrDefault(c => c.Problem is null && string.Equals(c.Label, label, StringComparison.Ordinal));
            if (chip is not null)
            {
                return new GpioChipChoice(chip.Path, chip, $"auto chose {chip}, the 40-pin header of a {board}");
            }
        }

        var unreadable = all.Where(c => c.Problem is not null).ToList();
        if (unreadable.Count > 0)
        {
            throw new GpioException(
                $"Leds:Chip is auto but some GPIO chips could not be read, so the header's chip cannot be recognised: {string.Join("; ", unreadable.Select(c => $"{c.Path}: {c.Problem}"))}",
                unreadable[0].Path,
                null,
                null);
        }

        return new GpioChipChoice(null, null, $"none of the GPIO chips has a known 40-pin header label ({string.Join(", ", KnownHeaderChips.All.Select(k => k.Label))}); {Listing(all)} Set Leds:Chip to use one of them");
    }

    private static string Listing(IReadOnlyList<GpioChipDescriptor> all) =>
        all.Count == 0 ? "there are no GPIO chips at all." : $"chips here: {string.Join(", ", all)}.";

    [GeneratedRegex(@"^gpiochip\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameLike();
}
