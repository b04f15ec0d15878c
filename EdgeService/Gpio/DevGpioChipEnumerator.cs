using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeService.Gpio;

/// <summary>Lists /dev/gpiochipN (or gpiochipN in another folder) and reads each chip's name, label and line count.</summary>
/// <param name="devFolder">Where the chips are (default /dev; tests point this at a folder of fakes).</param>
internal sealed partial class DevGpioChipEnumerator(string devFolder = "/dev") : IGpioChipEnumerator
{
    /// <inheritdoc />
    public string DevFolder { get; } = devFolder;

    /// <inheritdoc />
    public IReadOnlyList<GpioChipDescriptor> Enumerate()
    {
        if (!Directory.Exists(DevFolder))
        {
            return [];
        }

        var chips = new List<(int Number, GpioChipDescriptor Chip)>();
        foreach (var path in Directory.EnumerateFileSystemEntries(DevFolder, "gpiochip*"))
        {
            var name = Path.GetFileName(path);
            var match = ChipName().Match(name);
            if (!match.Success)
            {
                continue;
            }

            chips.Add((int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), Describe(path, name)));
        }

        return [.. chips.OrderBy(c => c.Number).Select(c => c.Chip)];
    }

    private static GpioChipDescriptor Describe(string path, string fileName)
    {
        try
        {
            using var chip = GpioChip.Open(path);
            return new GpioChipDescriptor(path, chip.Name, chip.Label, chip.LineCount);
        }
        catch (GpioException e)
        {
            return new GpioChipDescriptor(path, fileName, string.Empty, 0, e.Message);
        }
    }

    [GeneratedRegex(@"^gpiochip(\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChipName();
}
