using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>PaDeviceInfo (struct version 2), owned by PortAudio and valid until Pa_Terminate.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaDeviceInfo
{
    /// <summary>structVersion (2).</summary>
    public int StructVersion;

    /// <summary>The device name, UTF-8.</summary>
    public byte* Name;

    /// <summary>The host API index (not a type id).</summary>
    public int HostApi;

    /// <summary>maxInputChannels.</summary>
    public int MaxInputChannels;

    /// <summary>maxOutputChannels.</summary>
    public int MaxOutputChannels;

    /// <summary>defaultLowInputLatency, seconds.</summary>
    public double DefaultLowInputLatency;

    /// <summary>defaultLowOutputLatency, seconds.</summary>
    public double DefaultLowOutputLatency;

    /// <summary>defaultHighInputLatency, seconds.</summary>
    public double DefaultHighInputLatency;

    /// <summary>defaultHighOutputLatency, seconds.</summary>
    public double DefaultHighOutputLatency;

    /// <summary>defaultSampleRate, Hz.</summary>
    public double DefaultSampleRate;
}
