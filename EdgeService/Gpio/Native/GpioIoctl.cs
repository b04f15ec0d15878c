namespace EdgeService.Gpio.Native;

/// <summary>The GPIO character device uAPI v2 request codes and constants of linux/gpio.h.</summary>
internal static class GpioIoctl
{
    /// <summary>GPIO_MAX_NAME_SIZE.</summary>
    public const int MaxNameSize = 32;

    /// <summary>GPIO_V2_LINES_MAX: the most lines in one request.</summary>
    public const int LinesMax = 64;

    /// <summary>GPIO_V2_LINE_NUM_ATTRS_MAX.</summary>
    public const int NumAttrsMax = 10;

    /// <summary>The ioctl type byte of the GPIO character device.</summary>
    public const byte Type = 0xB4;

    /// <summary>GPIO_V2_LINE_FLAG_USED: the line is held by someone (kernel or user space).</summary>
    public const ulong FlagUsed = 1UL << 0;

    /// <summary>GPIO_V2_LINE_FLAG_ACTIVE_LOW.</summary>
    public const ulong FlagActiveLow = 1UL << 1;

    /// <summary>GPIO_V2_LINE_FLAG_INPUT.</summary>
    public const ulong FlagInput = 1UL << 2;

    /// <summary>GPIO_V2_LINE_FLAG_OUTPUT.</summary>
    public const ulong FlagOutput = 1UL << 3;

    /// <summary>GPIO_V2_LINE_ATTR_ID_FLAGS.</summary>
    public const uint AttrIdFlags = 1;

    /// <summary>GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES.</summary>
    public const uint AttrIdOutputValues = 2;

    /// <summary>GPIO_V2_LINE_ATTR_ID_DEBOUNCE.</summary>
    public const uint AttrIdDebounce = 3;

    /// <summary>GPIO_GET_CHIPINFO_IOCTL = _IOR(0xB4, 0x01, struct gpiochip_info).</summary>
    public static readonly nuint GetChipInfo = IoctlCode.Ior(Type, 0x01, GpioChipInfo.SizeInBytes);

    /// <summary>GPIO_V2_GET_LINEINFO_IOCTL = _IOWR(0xB4, 0x05, struct gpio_v2_line_info).</summary>
    public static readonly nuint GetLineInfo = IoctlCode.Iowr(Type, 0x05, GpioV2LineInfo.SizeInBytes);

    /// <summary>GPIO_V2_GET_LINE_IOCTL = _IOWR(0xB4, 0x07, struct gpio_v2_line_request).</summary>
    public static readonly nuint GetLine = IoctlCode.Iowr(Type, 0x07, GpioV2LineRequest.SizeInBytes);

    /// <summary>GPIO_V2_LINE_SET_VALUES_IOCTL = _IOWR(0xB4, 0x0F, struct gpio_v2_line_values).</summary>
    public static readonly nuint SetValues = IoctlCode.Iowr(Type, 0x0F, GpioV2LineValues.SizeInBytes);
}
