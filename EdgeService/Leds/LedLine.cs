namespace EdgeService.Leds;

/// <summary>One LED on one GPIO line.</summary>
/// <param name="Name">The LED's name: a keyword ("yes") or "status".</param>
/// <param name="Offset">The line's offset on the chip (e.g. 17 for BCM 17 on a Raspberry Pi).</param>
/// <param name="ActiveLow">True when the LED lights with the line low (LED from 3.3 V to the pin).</param>
internal sealed record LedLine(string Name, int Offset, bool ActiveLow)
{
    /// <summary>The physical level (true = high) that lights (<paramref name="on"/>) or darkens the LED.</summary>
    /// <param name="on">True for lit.</param>
    public bool LevelFor(bool on) => on != ActiveLow;
}
