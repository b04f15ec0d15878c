using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>PaHostApiInfo, owned by PortAudio and valid until Pa_Terminate.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaHostApiInfo
{
    /// <summary>structVersion (1).</summary>
    public int StructVersion;

    /// <summary>PaHostApiTypeId (8 = ALSA, 12 = JACK, 7 = OSS).</summary>
    public int Type;

    /// <summary>The host API's name, UTF-8 (e.g. "ALSA").</summary>
    public byte* Name;

    /// <summary>deviceCount.</summary>
    public int DeviceCount;

    /// <summary>defaultInputDevice (a global device index, or -1).</summary>
    public int DefaultInputDevice;

    /// <summary>defaultOutputDevice (a global device index, or -1).</summary>
    public int DefaultOutputDevice;
}
