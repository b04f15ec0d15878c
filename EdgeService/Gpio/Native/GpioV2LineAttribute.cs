using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_attribute</c>: an id and a union of flags, output values or a debounce period.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioV2LineAttribute
{
    /// <summary>sizeof(struct gpio_v2_line_attribute).</summary>
    public const int SizeInBytes = 16;

    /// <summary>Which member of the union is meant (<see cref="GpioIoctl.AttrIdFlags"/>, <see cref="GpioIoctl.AttrIdOutputValues"/>, <see cref="GpioIoctl.AttrIdDebounce"/>).</summary>
    [FieldOffset(0)]
    public uint Id;

    /// <summary>Line flags (<see cref="GpioIoctl.AttrIdFlags"/>).</summary>
    [FieldOffset(8)]
    public ulong Flags;

    /// <summary>Output values, bit i = the i-th requested line (<see cref="GpioIoctl.AttrIdOutputValues"/>).</summary>
    [FieldOffset(8)]
    public ulong Values;

    /// <summary>Debounce period in microseconds (<see cref="GpioIoctl.AttrIdDebounce"/>).</summary>
    [FieldOffset(8)]
    public uint DebouncePeriodUs;
}
