using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_request</c>: the argument of GPIO_V2_GET_LINE_IOCTL; the kernel fills in <see cref="Fd"/>.</summary>
[StructLayout(LayoutKind.Explicit, Size = SizeInBytes)]
internal struct GpioV2LineRequest
{
    /// <summary>sizeof(struct gpio_v2_line_request).</summary>
    public const int SizeInBytes = 592;

    /// <summary>The offsets of the requested lines on the chip.</summary>
    [FieldOffset(0)]
    public GpioLineOffsets Offsets;

    /// <summary>Who holds the lines (shown by gpioinfo), e.g. "kws-edge".</summary>
    [FieldOffset(256)]
    public GpioName Consumer;

    /// <summary>Direction, flags and initial output values.</summary>
    [FieldOffset(288)]
    public GpioV2LineConfig Config;

    /// <summary>How many entries of <see cref="Offsets"/> are used.</summary>
    [FieldOffset(560)]
    public uint NumLines;

    /// <summary>Edge event buffer size (0 = kernel default; unused for outputs).</summary>
    [FieldOffset(564)]
    public uint EventBufferSize;

    // __u32 padding[5] at 568..587: zero.

    /// <summary>Set by the kernel on success: the file descriptor of the line request.</summary>
    [FieldOffset(588)]
    public int Fd;
}
