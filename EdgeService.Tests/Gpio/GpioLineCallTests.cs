using EdgeService.Gpio;
using EdgeService.Gpio.Native;

namespace EdgeService.Tests.Gpio;

/// <summary>
/// The line calls of <see cref="GpioChip"/> on a descriptor that is not a GPIO chip (/dev/null): the range checks run
/// before any ioctl, and the real ioctls fail the way an old kernel without uAPI v2 makes them fail.
/// </summary>
public class GpioLineCallTests
{
    private static GpioChip NotAChip(int lines = 54)
    {
        int fd = LibC.Open("/dev/null", LibC.ReadWrite | LibC.CloseOnExec);
        Assert.True(fd >= 0);
        return new GpioChip("/dev/null", new FileDescriptorHandle(fd), "gpiochip0", "pinctrl-bcm2711", lines);
    }

    [Theory]
    [InlineData(54)]
    [InlineData(-1)]
    public void LineOutOfRange_IsReported_NamingChipLineAndCount(int offset)
    {
        using var chip = NotAChip();
        var e = Assert.Throws<GpioException>(() => chip.GetLineInfo(offset));
        Assert.Equal($"Line {offset} of gpiochip0 is out of range: the chip has 54 lines (0 to 53); check Leds:Lines and Leds:StatusLine (see docs/GPIO.md).", e.Message);
        Assert.Equal(offset, e.Line);
        Assert.Equal(Errno.EINVAL, e.Errno);

        var r = Assert.Throws<GpioException>(() => chip.RequestOutputs([17, offset], [false, false], "kws-edge"));
        Assert.Equal(offset, r.Line);
    }

    [Fact]
    public void LineInfo_OnAKernelWithoutUapiV2_SaysSo()
    {
        using var chip = NotAChip();
        var e = Assert.Throws<GpioException>(() => chip.GetLineInfo(17));
        Assert.Equal(Errno.ENOTTY, e.Errno);
        Assert.Contains("GPIO_V2_GET_LINEINFO_IOCTL failed for line 17 of gpiochip0 (ENOTTY", e.Message, StringComparison.Ordinal);
        Assert.Contains("Linux 5.10 or later", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestOutputs_ReportsTheFailedIoctl_NamingTheLines()
    {
        using var chip = NotAChip();
        var e = Assert.Throws<GpioException>(() => chip.RequestOutputs([17, 27], [false, true], "kws-edge"));
        Assert.Equal(Errno.ENOTTY, e.Errno);
        Assert.StartsWith("GPIO_V2_GET_LINE_IOCTL failed for lines 17, 27 of gpiochip0: ENOTTY: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestOutputs_RejectsBadArguments_BeforeAnyIoctl()
    {
        using var chip = NotAChip(100);
        Assert.Throws<ArgumentException>(() => chip.RequestOutputs([], [], "kws-edge"));
        Assert.Throws<ArgumentException>(() => chip.RequestOutputs([.. Enumerable.Range(0, 65)], [.. Enumerable.Repeat(false, 65)], "kws-edge"));
        Assert.Throws<ArgumentException>(() => chip.RequestOutputs([17], [false, false], "kws-edge"));
    }

    [Fact]
    public void SetValues_OnAReleasedRequest_Throws_AndOnANonLineDescriptor_NamesTheIoctl()
    {
        int fd = LibC.Open("/dev/null", LibC.ReadWrite | LibC.CloseOnExec);
        var request = new GpioLineRequest(new FileDescriptorHandle(fd), "gpiochip0", [17]);
        var e = Assert.Throws<GpioException>(() => request.SetValues(1, 1));
        Assert.StartsWith("GPIO_V2_LINE_SET_VALUES_IOCTL failed for line 17 of gpiochip0: ENOTTY", e.Message, StringComparison.Ordinal);
        request.Dispose();
        Assert.Throws<ObjectDisposedException>(() => request.SetValues(1, 1));
    }

    [Fact]
    public void MessagesForWhatRootCannotReproduceHere_NameChipLineAndErrno()
    {
        var busy = GpioErrors.Busy("gpiochip4", 17, "gpio-leds");
        Assert.StartsWith("Line 17 of gpiochip4 is already in use by 'gpio-leds' (EBUSY: ", busy.Message, StringComparison.Ordinal);
        Assert.Equal((17, (int?)Errno.EBUSY), (busy.Line!.Value, busy.Errno));
        Assert.Contains("in use by 'an unnamed consumer'", GpioErrors.Busy("gpiochip0", 3, "").Message, StringComparison.Ordinal);

        var denied = GpioErrors.Open("/dev/gpiochip0", Errno.EACCES);
        Assert.StartsWith("No permission to open GPIO chip /dev/gpiochip0 (EACCES: ", denied.Message, StringComparison.Ordinal);
        Assert.Contains("'gpio' group", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameBuffers_AreNulTerminated_AndCutAt31Bytes()
    {
        var name = default(GpioName);
        name.Write(new string('x', 40));
        Assert.Equal(new string('x', 31), name.Read());
        name.Write("kws-edge");
        Assert.Equal("kws-edge", name.Read());
    }
}
