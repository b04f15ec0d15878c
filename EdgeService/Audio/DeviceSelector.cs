using System.Globalization;

namespace EdgeService.Audio;

/// <summary>Resolves <c>Audio:Device</c> against the listed input devices.</summary>
internal static class DeviceSelector
{
    /// <summary>
    /// Empty or "default": the default input device (the first input device when none is marked default). A number:
    /// the device with that index, which must be an input device. Anything else: the device whose name equals it,
    /// ignoring case, else the first (lowest index) whose name contains it, ignoring case.
    /// </summary>
    /// <param name="devices">The input devices.</param>
    /// <param name="spec">The setting.</param>
    /// <exception cref="AudioDeviceUnavailableException">No device matches; the message lists the input devices.</exception>
    public static AudioInputDevice Select(IReadOnlyList<AudioInputDevice> devices, string? spec)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var s = spec?.Trim() ?? string.Empty;
        if (devices.Count == 0)
        {
            throw new AudioDeviceUnavailableException(
                $"No audio input device is present{(s.Length > 0 ? $" (Audio:Device is '{s}')" : string.Empty)}. " +
                "Plug in a microphone (or enable the I2S overlay), and check that the service user is in the 'audio' group.");
        }

        if (s.Length == 0 || s.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return devices.FirstOrDefault(d => d.IsDefault)
                ?? devices.FirstOrDefault(d => d.Name.Equals("default", StringComparison.OrdinalIgnoreCase))
                ?? devices[0];
        }

        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return devices.FirstOrDefault(d => d.Index == index)
                ?? throw NotFound($"Audio:Device is {index}, but no input device has that index", devices);
        }

        return devices.FirstOrDefault(d => d.Name.Equals(s, StringComparison.OrdinalIgnoreCase))
            ?? devices.FirstOrDefault(d => d.Name.Contains(s, StringComparison.OrdinalIgnoreCase))
            ?? throw NotFound($"Audio:Device is '{s}', but no input device's name contains it", devices);
    }

    private static AudioDeviceUnavailableException NotFound(string what, IReadOnlyList<AudioInputDevice> devices) =>
        new($"{what}. Input devices now: {string.Join("; ", devices)}. (`kws-edge devices` lists them.)");
}
