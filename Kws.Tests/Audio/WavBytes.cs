using System.Buffers.Binary;
using System.Text;

namespace Kws.Tests.Audio;

/// <summary>Builds WAV files byte by byte, correct or deliberately broken, for the reader tests.</summary>
internal static class WavBytes
{
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null, bool pad = true)
    {
        var size = declaredSize ?? (uint)body.Length;
        var padding = pad && body.Length % 2 == 1 ? 1 : 0;
        var bytes = new byte[8 + body.Length + padding];
        Encoding.ASCII.GetBytes(id).CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), size);
        body.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Riff(params byte[][] chunks) => RiffOfForm("WAVE", chunks);

    public static byte[] RiffOfForm(string form, params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var bytes = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes(form).CopyTo(bytes, 8);
        body.CopyTo(bytes, 12);
        return bytes;
    }

    public static byte[] Fmt(ushort tag, int channels, int rate, int bits, int? blockAlign = null)
    {
        var body = new byte[16];
        var align = blockAlign ?? channels * bits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(body, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", body);
    }

    public static byte[] FmtExtensible(uint subFormatTag, int channels, int rate, int bits, int validBits, byte[]? guidTail = null)
    {
        var body = new byte[40];
        var align = channels * bits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(body, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), 0x4);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(24), subFormatTag);
        (guidTail ?? [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]).CopyTo(body, 28);
        return Chunk("fmt ", body);
    }

    public static byte[] Pcm16(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }
}
