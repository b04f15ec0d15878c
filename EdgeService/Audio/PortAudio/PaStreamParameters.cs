using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>PaStreamParameters: one direction of a stream.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaStreamParameters
{
    /// <summary>The device index.</summary>
    public int Device;

    /// <summary>Interleaved channels.</summary>
    public int ChannelCount;

    /// <summary>A <see cref="PaSampleFormat"/> value (C unsigned long).</summary>
    public nuint SampleFormat;

    /// <summary>suggestedLatency, seconds.</summary>
    public double SuggestedLatency;

    /// <summary>hostApiSpecificStreamInfo; null.</summary>
    public void* HostApiSpecificStreamInfo;
}
