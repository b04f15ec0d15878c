namespace EdgeService.Gpio;

/// <summary>Lists the GPIO chips of the machine (the real one reads /dev; tests use fakes).</summary>
internal interface IGpioChipEnumerator
{
    /// <summary>Where the chips are looked for (e.g. /dev), for messages.</summary>
    string DevFolder { get; }

    /// <summary>Every gpiochipN in <see cref="DevFolder"/>, in number order; chips that cannot be read come with their problem.</summary>
    IReadOnlyList<GpioChipDescriptor> Enumerate();
}
