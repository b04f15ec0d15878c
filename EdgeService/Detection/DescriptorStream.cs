using System.Runtime.InteropServices;

namespace EdgeService.Detection;

/// <summary>
/// A write-only stream on a file descriptor it does not own, writing with write(2) so that every byte goes to the
/// descriptor's own file offset, shared with whoever else writes through the same open file. A
/// <see cref="FileStream"/> on a regular file keeps a position of its own and writes there: with
/// <c>kws-edge run --json &gt; file 2&gt;&amp;1</c> it wrote its lines over the log lines written to standard error.
/// </summary>
/// <param name="descriptor">The descriptor, for example 1 for standard output; left open.</param>
internal sealed partial class DescriptorStream(int descriptor) : Stream
{
    private const int Interrupted = 4; // EINTR

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes all of <paramref name="buffer"/> (write(2) may take part of it, or be interrupted by a signal).</summary>
    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            nint written;
            fixed (byte* bytes = buffer)
            {
                written = WriteNative(descriptor, bytes, buffer.Length);
            }

            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Interrupted)
                {
                    continue;
                }

                throw new IOException($"writing to file descriptor {descriptor} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            buffer = buffer[(int)written..];
        }
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int descriptor, byte* buffer, nint count);
}
