using System.Runtime.InteropServices;
using EdgeService.Gpio.Native;

namespace EdgeService.Gpio;

/// <summary>
/// An open GPIO chip (/dev/gpiochipN) through the kernel's GPIO character device uAPI v2: its name, label and line
/// count, the state of its lines, and requests of lines as outputs. Failures throw <see cref="GpioException"/>.
/// </summary>
internal sealed unsafe class GpioChip : IDisposable
{
    private readonly FileDescriptorHandle _fd;

    /// <summary>Wraps an open chip descriptor (used by <see cref="Open"/>; tests wrap other descriptors).</summary>
    /// <param name="path">Where it was opened.</param>
    /// <param name="fd">The descriptor (owned).</param>
    /// <param name="name">The kernel name.</param>
    /// <param name="label">The label.</param>
    /// <param name="lineCount">How many lines.</param>
    internal GpioChip(string path, FileDescriptorHandle fd, string name, string label, int lineCount)
    {
        Path = path;
        _fd = fd;
        Name = name.Length > 0 ? name : System.IO.Path.GetFileName(path);
        Label = label;
        LineCount = lineCount;
    }

    /// <summary>The path it was opened from.</summary>
    public string Path { get; }

    /// <summary>The kernel's name of the chip, e.g. "gpiochip0".</summary>
    public string Name { get; }

    /// <summary>The chip's label, e.g. "pinctrl-bcm2711".</summary>
    public string Label { get; }

    /// <summary>How many lines it has (offsets 0 to LineCount - 1).</summary>
    public int LineCount { get; }

    /// <summary>Opens <paramref name="path"/> and reads its chip information (GPIO_GET_CHIPINFO_IOCTL).</summary>
    /// <param name="path">The chip device, e.g. /dev/gpiochip0.</param>
    public static GpioChip Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        int fd = LibC.Open(path, LibC.ReadWrite | LibC.CloseOnExec);
        if (fd < 0)
        {
            throw GpioErrors.Open(path, Marshal.GetLastPInvokeError());
        }

        var handle = new FileDescriptorHandle(fd);
        try
        {
            GpioChipInfo info = default;
            if (LibC.Ioctl(handle, GpioIoctl.GetChipInfo, &info) < 0)
            {
                throw GpioErrors.ChipInfo(path, Marshal.GetLastPInvokeError());
            }

            return new GpioChip(path, handle, info.Name.Read(), info.Label.Read(), (int)Math.Min(info.Lines, int.MaxValue));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the state of one line (GPIO_V2_GET_LINEINFO_IOCTL).</summary>
    /// <param name="offset">The line's offset on this chip.</param>
    public GpioLineInfo GetLineInfo(int offset)
    {
        ThrowIfOutOfRange(offset);
        var info = new GpioV2LineInfo { Offset = (uint)offset };
        if (LibC.Ioctl(_fd, GpioIoctl.GetLineInfo, &info) < 0)
        {
            // The offset was checked against the line count: EINVAL or ENOTTY here means the request is unknown.
            int errno = Marshal.GetLastPInvokeError();
            throw errno is Errno.EINVAL or Errno.ENOTTY
                ? GpioErrors.NoUapiV2("GPIO_V2_GET_LINEINFO_IOCTL", Name, offset, errno)
                : GpioErrors.Line("GPIO_V2_GET_LINEINFO_IOCTL", Name, [offset], errno);
        }

        return new GpioLineInfo(
            offset,
            info.Name.Read(),
            info.Consumer.Read(),
            (info.Flags & GpioIoctl.FlagUsed) != 0,
            (info.Flags & GpioIoctl.FlagOutput) != 0);
    }

    /// <summary>
    /// Requests <paramref name="offsets"/> as outputs held by <paramref name="consumer"/>, each starting at its level in
    /// <paramref name="initialHigh"/> (GPIO_V2_GET_LINE_IOCTL). A line already in use fails with a message naming its
    /// holder. The request outlives this chip object.
    /// </summary>
    /// <param name="offsets">The lines (at most 64, no duplicates).</param>
    /// <param name="initialHigh">The physical level each line starts at.</param>
    /// <param name="consumer">The label other tools show for the lines (e.g. "kws-edge").</param>
    public GpioLineRequest RequestOutputs(IReadOnlyList<int> offsets, IReadOnlyList<bool> initialHigh, string consumer)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(initialHigh);
        ArgumentNullException.ThrowIfNull(consumer);
        if (offsets.Count is 0 or > GpioIoctl.LinesMax)
        {
            throw new ArgumentException($"A request holds 1 to {GpioIoctl.LinesMax} lines, not {offsets.Count}.", nameof(offsets));
        }

        if (initialHigh.Count != offsets.Count)
        {
            throw new ArgumentException($"{initialHigh.Count} initial levels for {offsets.Count} lines.", nameof(initialHigh));
        }

        var request = default(GpioV2LineRequest);
        ulong values = 0;
        for (int i = 0; i < offsets.Count; i++)
        {
            ThrowIfOutOfRange(offsets[i]);
            request.Offsets[i] = (uint)offsets[i];
            if (initialHigh[i])
            {
                values |= 1UL << i;
            }
        }

        request.Consumer.Write(consumer);
        request.NumLines = (uint)offsets.Count;
        request.Config.Flags = GpioIoctl.FlagOutput;
        request.Config.NumAttrs = 1;
        request.Config.Attrs[0].Attr.Id = GpioIoctl.AttrIdOutputValues;
        request.Config.Attrs[0].Attr.Values = values;
        request.Config.Attrs[0].Mask = offsets.Count == 64 ? ulong.MaxValue : (1UL << offsets.Count) - 1;

        if (LibC.Ioctl(_fd, GpioIoctl.GetLine, &request) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EBUSY)
            {
                foreach (int offset in offsets)
                {
                    var line = GetLineInfo(offset);
                    if (line.Used)
                    {
                        throw GpioErrors.Busy(Name, offset, line.Consumer);
                    }
                }
            }

            throw GpioErrors.Line("GPIO_V2_GET_LINE_IOCTL", Name, offsets, errno);
        }

        return new GpioLineRequest(new FileDescriptorHandle(request.Fd), Name, [.. offsets]);
    }

    /// <summary>Closes the chip's descriptor (line requests made from it stay valid).</summary>
    public void Dispose() => _fd.Dispose();

    private void ThrowIfOutOfRange(int offset)
    {
        if (offset < 0 || offset >= LineCount)
        {
            throw GpioErrors.OutOfRange(Name, offset, LineCount);
        }
    }
}
