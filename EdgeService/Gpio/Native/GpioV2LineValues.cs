using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_values</c>: values of a request's lines, bit i = the i-th requested line (not its offset).</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioV2LineValues
{
    /// <summary>sizeof(struct gpio_v2_line_values).</summary>
    public const int SizeInBytes = 16;

    /// <summary>The values (1 = active; physical high unless the line is configured active-low).</summary>
    [FieldOffset(0)]
    public ulong Bits;

    /// <summary>Which lines of the request <see cref="Bits"/> applies to.</summary>
    [FieldOffset(8)]
    public ulong Mask;
}
