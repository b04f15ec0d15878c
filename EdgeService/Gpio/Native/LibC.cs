using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary>
/// The three libc calls the GPIO binding needs. "libc" is mapped by the .NET runtime to the platform's C library
/// (libc.so.6 with glibc). Every call sets errno, read with <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class LibC
{
    /// <summary>open(2) flag: read and write.</summary>
    public const int ReadWrite = 0x2; // O_RDWR

    /// <summary>open(2) flag: close on exec, so that child processes do not inherit the descriptor.</summary>
    public const int CloseOnExec = 0x80000; // O_CLOEXEC on x86, x86-64, arm and arm64

    /// <summary>open(2): opens <paramref name="path"/>; returns a file descriptor or -1 with errno set.</summary>
    /// <param name="path">The file (e.g. /dev/gpiochip0).</param>
    /// <param name="flags">O_* flags.</param>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary>close(2): closes a file descriptor; returns 0, or -1 with errno set.</summary>
    /// <param name="fd">The descriptor.</param>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>
    /// ioctl(2) with a pointer argument; returns 0 (or a positive value), or -1 with errno set. The request is an
    /// <c>unsigned long</c> in C: <see cref="nuint"/> matches it on 32- and 64-bit Linux.
    /// </summary>
    /// <param name="fd">The descriptor (kept alive by the marshaller for the duration of the call).</param>
    /// <param name="request">The request code (see <see cref="GpioIoctl"/>).</param>
    /// <param name="argument">The request's struct.</param>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(FileDescriptorHandle fd, nuint request, void* argument);
}
