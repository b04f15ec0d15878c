namespace EdgeService.Gpio;

/// <summary>The outcome of <see cref="GpioChipSelector.Select"/>.</summary>
/// <param name="Path">The chip device to open; null when <c>auto</c> found no header chip (LEDs are then only logged).</param>
/// <param name="Chip">What enumeration said about it, when it was enumerated (not for a configured path).</param>
/// <param name="Explanation">Why this chip (or none), in words for the log.</param>
internal sealed record GpioChipChoice(string? Path, GpioChipDescriptor? Chip, string Explanation);
