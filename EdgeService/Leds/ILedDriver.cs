namespace EdgeService.Leds;

/// <summary>
/// Drives one LED per keyword (GPIO on a Pi or a Jetson, or only a log line). Contract: calls come from one thread
/// at a time (<see cref="LedDetectionSink"/> serializes them) but not always the same thread (the pipeline thread
/// and timer callbacks); each call is quick (a register or sysfs write). A driver may throw when the hardware fails;
/// its caller catches and logs. A keyword without an LED of its own is ignored.
/// </summary>
internal interface ILedDriver
{
    /// <summary>Turns the LED of <paramref name="keyword"/> on or off.</summary>
    /// <param name="keyword">The keyword label (e.g. "yes").</param>
    /// <param name="on">True to light it.</param>
    void Set(string keyword, bool on);

    /// <summary>Turns every LED off.</summary>
    void AllOff();
}
