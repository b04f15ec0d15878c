namespace EdgeService.Gpio;

/// <summary>What the kernel says about one line of a chip.</summary>
/// <param name="Offset">The line's offset on its chip.</param>
/// <param name="Name">Its name from the device tree (may be empty), e.g. "GPIO17".</param>
/// <param name="Consumer">Who holds it (empty when free or unnamed).</param>
/// <param name="Used">True when it is held by the kernel or by another program.</param>
/// <param name="Output">True when it is configured as an output.</param>
internal readonly record struct GpioLineInfo(int Offset, string Name, string Consumer, bool Used, bool Output);
