namespace EdgeService.Gpio;

/// <summary>
/// A set of requested output lines, addressed by their index in the request (bit i = the i-th line). Disposing it
/// releases the lines. The real one is <see cref="GpioLineRequest"/>; tests use a fake.
/// </summary>
internal interface IGpioOutputLines : IDisposable
{
    /// <summary>How many lines the request holds.</summary>
    int Count { get; }

    /// <summary>Sets the physical levels of the lines in <paramref name="mask"/> (bit set = high).</summary>
    /// <param name="bits">Levels, bit i for the i-th line.</param>
    /// <param name="mask">Which lines to set.</param>
    void SetValues(ulong bits, ulong mask);
}
