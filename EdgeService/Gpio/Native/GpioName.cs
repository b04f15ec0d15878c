using System.Runtime.CompilerServices;
using System.Text;

namespace EdgeService.Gpio.Native;

/// <summary>A NUL-padded 32-byte name, <c>char name[GPIO_MAX_NAME_SIZE]</c> in linux/gpio.h.</summary>
[InlineArray(GpioIoctl.MaxNameSize)]
internal struct GpioName
{
    private byte _first;

    /// <summary>Reads the name up to its first NUL as UTF-8.</summary>
    public readonly string Read()
    {
        ReadOnlySpan<byte> bytes = this;
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8, cut to 31 bytes so that a NUL always ends it.</summary>
    /// <param name="value">The name.</param>
    public void Write(string value)
    {
        Span<byte> bytes = this;
        bytes.Clear();
        var encoded = Encoding.UTF8.GetBytes(value);
        encoded.AsSpan(0, Math.Min(encoded.Length, GpioIoctl.MaxNameSize - 1)).CopyTo(bytes);
    }
}
