using System.Runtime.InteropServices;
using EdgeService.Gpio.Native;

namespace EdgeService.Gpio;

/// <summary>Output lines held through a line-request file descriptor (GPIO_V2_GET_LINE_IOCTL); closing it releases them.</summary>
internal sealed unsafe class GpioLineRequest : IGpioOutputLines
{
    private readonly FileDescriptorHandle _fd;
    private readonly string _chip;
    private readonly int[] _offsets;

    /// <summary>Wraps a line request the kernel granted.</summary>
    /// <param name="fd">The request's descriptor (owned from now on).</param>
    /// <param name="chip">The chip's name, for messages.</param>
    /// <param name="offsets">The requested offsets, in request order.</param>
    public GpioLineRequest(FileDescriptorHandle fd, string chip, int[] offsets)
    {
        _fd = fd;
        _chip = chip;
        _offsets = offsets;
    }

    /// <inheritdoc />
    public int Count => _offsets.Length;

    /// <summary>The requested offsets, in request order.</summary>
    public IReadOnlyList<int> Offsets => _offsets;

    /// <inheritdoc />
    public void SetValues(ulong bits, ulong mask)
    {
        var values = new GpioV2LineValues { Bits = bits, Mask = mask };
        if (LibC.Ioctl(_fd, GpioIoctl.SetValues, &values) < 0)
        {
            throw GpioErrors.Line("GPIO_V2_LINE_SET_VALUES_IOCTL", _chip, _offsets, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Closes the request's descriptor: the kernel releases the lines.</summary>
    public void Dispose() => _fd.Dispose();
}
