namespace EdgeService.Audio.PortAudio;

/// <summary>PaSampleFormat bits (portaudio.h), those capture uses; always interleaved (paNonInterleaved not set).</summary>
internal static class PaSampleFormat
{
    /// <summary>paFloat32: IEEE float in [-1, 1].</summary>
    public const uint Float32 = 0x00000001;

    /// <summary>paInt32: signed 32-bit (an I2S mic's 24 or 18 bits sit in the top bits).</summary>
    public const uint Int32 = 0x00000002;

    /// <summary>paInt16: signed 16-bit.</summary>
    public const uint Int16 = 0x00000008;
}
