namespace EdgeService.Audio;

/// <summary>An input device as the audio library lists it (one row of <c>kws-edge devices</c>).</summary>
/// <param name="Index">The library's device index (valid until the devices are scanned again).</param>
/// <param name="Name">The device name, e.g. "USB PnP Sound Device: Audio (hw:1,0)" or "default".</param>
/// <param name="HostApi">The host API that provides it, e.g. "ALSA" or "JACK Audio Connection Kit".</param>
/// <param name="MaxInputChannels">The most input channels it offers.</param>
/// <param name="DefaultSampleRateHz">Its default sample rate, Hz.</param>
/// <param name="IsDefault">Whether it is the default input device.</param>
internal sealed record AudioInputDevice(int Index, string Name, string HostApi, int MaxInputChannels, double DefaultSampleRateHz, bool IsDefault)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Index} '{Name}' ({HostApi}, {MaxInputChannels} ch, {DefaultSampleRateHz:0.#} Hz{(IsDefault ? ", default" : string.Empty)})";
}
