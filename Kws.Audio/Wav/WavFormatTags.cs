namespace Kws.Audio.Wav;

/// <summary>The WAVE format tags this library knows by name, and the sub-format GUID layout of WAVE_FORMAT_EXTENSIBLE.</summary>
internal static class WavFormatTags
{
    public const ushort Pcm = 0x0001;
    public const ushort IeeeFloat = 0x0003;
    public const ushort Extensible = 0xFFFE;

    /// <summary>Bytes 4..15 of KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT (xxxxxxxx-0000-0010-8000-00AA00389B71).</summary>
    public static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>A readable name of a format tag, for error messages.</summary>
    public static string Name(uint tag) => tag switch
    {
        0x0001 => "PCM",
        0x0002 => "Microsoft ADPCM",
        0x0003 => "IEEE float",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer 3",
        0x0092 => "Dolby AC-3 SPDIF",
        0x00FF => "AAC",
        0x1610 => "HE-AAC",
        0x2000 => "Dolby AC-3",
        0x674F => "Ogg Vorbis",
        0x6750 => "Ogg Vorbis",
        0x6751 => "Ogg Vorbis",
        0xF1AC => "FLAC",
        0xFFFE => "WAVE_FORMAT_EXTENSIBLE",
        _ => "unknown codec",
    };
}
