using System.Runtime.CompilerServices;

namespace EdgeService.Gpio.Native;

/// <summary><c>struct gpio_v2_line_config_attribute attrs[GPIO_V2_LINE_NUM_ATTRS_MAX]</c> of a line config.</summary>
[InlineArray(GpioIoctl.NumAttrsMax)]
internal struct GpioV2LineConfigAttributes
{
    private GpioV2LineConfigAttribute _first;
}
