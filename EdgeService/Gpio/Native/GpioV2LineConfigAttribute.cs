using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_config_attribute</c>: an attribute and the requested lines it applies to.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioV2LineConfigAttribute
{
    /// <summary>sizeof(struct gpio_v2_line_config_attribute).</summary>
    public const int SizeInBytes = 24;

    /// <summary>The attribute.</summary>
    [FieldOffset(0)]
    public GpioV2LineAttribute Attr;

    /// <summary>Bit i set: the attribute applies to the i-th requested line.</summary>
    [FieldOffset(16)]
    public ulong Mask;
}
