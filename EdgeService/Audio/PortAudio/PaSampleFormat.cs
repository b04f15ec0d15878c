namespace EdgeService.Audio.PortAudio;

/// <summary>PaSampleFormat bits (portaudio.h); interleaved unless <see cref="NonInterleaved"/> is set.</summary>
internal static class PaSampleFormat
{
    /// <summary>paFloat32: IEEE float in [-1, 1].</summary>
    public const uint Float32 = 0x00000001;

    /// <summary>paInt32: signed 32-bit (an I2S mic's 24 or 18 bits sit in the top bits).</summary>
    public const uint Int32 = 0x00000002;

    /// <summary>paInt24: packed 3-byte samples (not used).</summary>
    public const uint Int24 = 0x00000004;

    /// <summary>paInt16: signed 16-bit.</summary>
    public const uint Int16 = 0x00000008;

    /// <summary>paNonInterleaved: one buffer per channel (not used).</summary>
    public const uint NonInterleaved = 0x80000000;
}
