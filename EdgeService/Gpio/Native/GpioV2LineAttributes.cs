using System.Runtime.CompilerServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_attribute attrs[GPIO_V2_LINE_NUM_ATTRS_MAX]</c> of a line's info.</summary>
[InlineArray(GpioIoctl.NumAttrsMax)]
internal struct GpioV2LineAttributes
{
    private GpioV2LineAttribute _first;
}
