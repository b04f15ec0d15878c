using EdgeService.Gpio.Native;

namespace EdgeService.Gpio;

/// <summary>Turns failed GPIO calls into <see cref="GpioException"/>s whose messages say what to do.</summary>
internal static class GpioErrors
{
    private const string SeeDocs = "see docs/GPIO.md";

    /// <summary>open() of a chip failed.</summary>
    /// <param name="path">The chip's path.</param>
    /// <param name="errno">errno.</param>
    public static GpioException Open(string path, int errno) => errno switch
    {
        Errno.ENOENT => new($"GPIO chip {path} does not exist ({Errno.Describe(errno)}); list the chips with `kws-edge leds chips` or `gpiodetect` and set Leds:Chip ({SeeDocs}).", path, null, errno),
        Errno.EACCES or Errno.EPERM => new($"No permission to open GPIO chip {path} ({Errno.Describe(errno)}); add the service user to the 'gpio' group, or install the udev rule in {SeeDocs}.", path, null, errno),
        Errno.EISDIR => new($"{path} is a folder, not a GPIO chip ({Errno.Describe(errno)}); set Leds:Chip to a device such as /dev/gpiochip0.", path, null, errno),
        Errno.ENXIO or Errno.ENODEV => new($"GPIO chip {path} has no device behind it ({Errno.Describe(errno)}); is its driver loaded?", path, null, errno),
        _ => new($"Cannot open GPIO chip {path}: {Errno.Describe(errno)}.", path, null, errno),
    };

    /// <summary>GPIO_GET_CHIPINFO_IOCTL failed: usually the file is not a GPIO character device.</summary>
    /// <param name="path">The chip's path.</param>
    /// <param name="errno">errno.</param>
    public static GpioException ChipInfo(string path, int errno) => errno == Errno.ENOTTY || errno == Errno.EINVAL
        ? new($"{path} is not a GPIO character device (GPIO_GET_CHIPINFO_IOCTL: {Errno.Describe(errno)}); set Leds:Chip to a /dev/gpiochipN device.", path, null, errno)
        : new($"Cannot read the chip information of {path} (GPIO_GET_CHIPINFO_IOCTL: {Errno.Describe(errno)}).", path, null, errno);

    /// <summary>A line offset at or past the chip's line count.</summary>
    /// <param name="chip">The chip's name.</param>
    /// <param name="offset">The line.</param>
    /// <param name="lines">How many lines the chip has.</param>
    /// <param name="errno">errno when the kernel said so, else null (checked before asking).</param>
    public static GpioException OutOfRange(string chip, int offset, int lines, int? errno = null) =>
        new($"Line {offset} of {chip} is out of range: the chip has {lines} lines (0 to {lines - 1}){(errno is { } e ? $" ({Errno.Describe(e)})" : "")}; check Leds:Lines and Leds:StatusLine ({SeeDocs}).", chip, offset, errno ?? Errno.EINVAL);

    /// <summary>A line already held by another consumer.</summary>
    /// <param name="chip">The chip's name.</param>
    /// <param name="offset">The line.</param>
    /// <param name="consumer">Who holds it (may be empty).</param>
    public static GpioException Busy(string chip, int offset, string consumer) =>
        new($"Line {offset} of {chip} is already in use by '{(consumer.Length > 0 ? consumer : "an unnamed consumer")}' ({Errno.Describe(Errno.EBUSY)}); free it (gpioinfo shows who holds it) or choose another line in Leds:Lines.", chip, offset, Errno.EBUSY);

    /// <summary>
    /// A uAPI v2 request the kernel does not know (Linux before 5.10 answers EINVAL or ENOTTY), e.g. JetPack 4's kernel 4.9.
    /// </summary>
    /// <param name="what">The request, e.g. "GPIO_V2_GET_LINEINFO_IOCTL".</param>
    /// <param name="chip">The chip's name.</param>
    /// <param name="offset">The line asked about.</param>
    /// <param name="errno">errno.</param>
    public static GpioException NoUapiV2(string what, string chip, int offset, int errno) =>
        new($"{what} failed for line {offset} of {chip} ({Errno.Describe(errno)}) although the line is in range: this kernel probably lacks the GPIO character device uAPI v2, which needs Linux 5.10 or later (JetPack 5+ on Jetson, a current Raspberry Pi OS) ({SeeDocs}).", chip, offset, errno);

    /// <summary>Any other failure of a line ioctl.</summary>
    /// <param name="what">The request, e.g. "GPIO_V2_GET_LINE_IOCTL".</param>
    /// <param name="chip">The chip's name.</param>
    /// <param name="offsets">The lines involved.</param>
    /// <param name="errno">errno.</param>
    public static GpioException Line(string what, string chip, IReadOnlyList<int> offsets, int errno) =>
        new($"{what} failed for line{(offsets.Count == 1 ? "" : "s")} {string.Join(", ", offsets)} of {chip}: {Errno.Describe(errno)}.", chip, offsets.Count == 1 ? offsets[0] : null, errno);
}
