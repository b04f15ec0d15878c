namespace EdgeService.Leds;

/// <summary>What the status LED shows.</summary>
internal enum StatusLedMode
{
    /// <summary>Dark: not started or stopped.</summary>
    Off,

    /// <summary>A short flash every period: listening, audio flowing.</summary>
    Heartbeat,

    /// <summary>Steady on: the audio source is failing.</summary>
    Steady,
}
