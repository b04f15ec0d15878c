using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary>A Linux file descriptor (a GPIO chip or a line request) that is closed exactly once when released.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    /// <summary>Takes ownership of <paramref name="fd"/> (a negative value makes an invalid handle).</summary>
    /// <param name="fd">The descriptor to own.</param>
    public FileDescriptorHandle(int fd)
        : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    /// <inheritdoc />
    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The descriptor number (for messages and tests).</summary>
    public int Number => (int)handle.ToInt64();

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.Close((int)handle.ToInt64()) == 0;
}
