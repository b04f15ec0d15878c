using System.Runtime.CompilerServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>__u32 offsets[GPIO_V2_LINES_MAX]</c>: the line offsets of a request.</summary>
[InlineArray(GpioIoctl.LinesMax)]
internal struct GpioLineOffsets
{
    private uint _first;
}
