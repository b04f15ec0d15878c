using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpiochip_info</c>: what GPIO_GET_CHIPINFO_IOCTL returns.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioChipInfo
{
    /// <summary>sizeof(struct gpiochip_info).</summary>
    public const int SizeInBytes = 68;

    /// <summary>The kernel's name of the chip, e.g. "gpiochip0".</summary>
    [FieldOffset(0)]
    public GpioName Name;

    /// <summary>The chip's label, e.g. "pinctrl-bcm2711".</summary>
    [FieldOffset(32)]
    public GpioName Label;

    /// <summary>How many lines the chip has.</summary>
    [FieldOffset(64)]
    public uint Lines;
}
