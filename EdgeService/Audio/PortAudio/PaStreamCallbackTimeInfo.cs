using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>PaStreamCallbackTimeInfo: stream-clock times of the buffers given to a callback (seconds).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaStreamCallbackTimeInfo
{
    /// <summary>When the first input sample was captured at the ADC.</summary>
    public double InputBufferAdcTime;

    /// <summary>When the callback was invoked.</summary>
    public double CurrentTime;

    /// <summary>When the first output sample will reach the DAC.</summary>
    public double OutputBufferDacTime;
}
