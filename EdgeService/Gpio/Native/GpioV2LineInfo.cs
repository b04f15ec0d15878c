using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_info</c>: what GPIO_V2_GET_LINEINFO_IOCTL returns about one line.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioV2LineInfo
{
    /// <summary>sizeof(struct gpio_v2_line_info).</summary>
    public const int SizeInBytes = 256;

    /// <summary>The line's name from the device tree (may be empty), e.g. "GPIO17" or "PR.04".</summary>
    [FieldOffset(0)]
    public GpioName Name;

    /// <summary>Who holds the line, when it is in use (may be empty).</summary>
    [FieldOffset(32)]
    public GpioName Consumer;

    /// <summary>The line's offset (set by the caller).</summary>
    [FieldOffset(64)]
    public uint Offset;

    /// <summary>How many entries of <see cref="Attrs"/> are used.</summary>
    [FieldOffset(68)]
    public uint NumAttrs;

    /// <summary>GPIO_V2_LINE_FLAG_* (e.g. <see cref="GpioIoctl.FlagUsed"/>).</summary>
    [FieldOffset(72)]
    public ulong Flags;

    /// <summary>The line's attributes.</summary>
    [FieldOffset(80)]
    public GpioV2LineAttributes Attrs;

    // __u32 padding[4] at 240..255: zero.
}
