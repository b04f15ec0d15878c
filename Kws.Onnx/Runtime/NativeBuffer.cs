using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Kws.Onnx.Runtime;

/// <summary>Zeroed, 64-byte aligned native memory, freed when the handle is released.</summary>
internal sealed unsafe class NativeBuffer : SafeHandleZeroOrMinusOneIsInvalid
{
    internal const int Alignment = 64;

    internal NativeBuffer(nuint bytes)
        : base(ownsHandle: true)
    {
        var p = NativeMemory.AlignedAlloc(bytes == 0 ? 1 : bytes, Alignment);
        NativeMemory.Clear(p, bytes);
        SetHandle((IntPtr)p);
        Length = bytes;
    }

    /// <summary>The size in bytes.</summary>
    internal nuint Length { get; }

    /// <summary>The start of the memory (valid while the handle is not released).</summary>
    internal void* Pointer => (void*)handle;

    /// <summary>A char* array followed by the NUL-terminated UTF-8 strings it points to, in one block.</summary>
    internal static NativeBuffer Utf8Array(IReadOnlyList<string> strings)
    {
        var encoded = strings.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        var table = (nuint)(strings.Count * sizeof(IntPtr));
        var total = table + (nuint)encoded.Sum(e => e.Length + 1);
        var buffer = new NativeBuffer(total);
        var pointers = (byte**)buffer.Pointer;
        var next = (byte*)buffer.Pointer + table;
        for (var i = 0; i < encoded.Length; i++)
        {
            pointers[i] = next;
            encoded[i].CopyTo(new Span<byte>(next, encoded[i].Length));
            next += encoded[i].Length + 1;
        }

        return buffer;
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
