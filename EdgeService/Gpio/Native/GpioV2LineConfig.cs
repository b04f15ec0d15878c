using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_config</c>: default flags for all requested lines plus up to 10 attributes.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioV2LineConfig
{
    /// <summary>sizeof(struct gpio_v2_line_config).</summary>
    public const int SizeInBytes = 272;

    /// <summary>Flags of every line without a flags attribute of its own (GPIO_V2_LINE_FLAG_*).</summary>
    [FieldOffset(0)]
    public ulong Flags;

    /// <summary>How many entries of <see cref="Attrs"/> are used.</summary>
    [FieldOffset(8)]
    public uint NumAttrs;

    // __u32 padding[5] at 12..31: zero.

    /// <summary>The attributes.</summary>
    [FieldOffset(32)]
    public GpioV2LineConfigAttributes Attrs;
}
