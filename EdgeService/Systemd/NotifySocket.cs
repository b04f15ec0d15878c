using System.Net.Sockets;
using System.Text;

namespace EdgeService.Systemd;

/// <summary>
/// The client end of systemd's notification protocol, without libsystemd: each message is one datagram of
/// newline-separated <c>KEY=value</c> lines sent over an AF_UNIX, SOCK_DGRAM socket to the address in
/// <c>NOTIFY_SOCKET</c> (a path, or an abstract name written with a leading '@', which becomes a leading NUL byte).
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private const int MaxMessageBytes = 4096;
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly byte[] _buffer = new byte[MaxMessageBytes];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Makes an unbound datagram socket aimed at <paramref name="address"/>; sends nothing yet.</summary>
    /// <param name="address">A path (<c>/run/systemd/notify</c>) or an abstract name (<c>@name</c>).</param>
    public NotifySocket(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        Address = address;
        _endPoint = new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>The address as NOTIFY_SOCKET gave it.</summary>
    public string Address { get; }

    /// <summary>
    /// Sends <paramref name="message"/> (e.g. <c>"READY=1\nSTATUS=listening"</c>) as one datagram. Throws
    /// <see cref="SocketException"/> when the socket is gone or refuses it; the caller decides what that means.
    /// </summary>
    /// <param name="message">Newline-separated assignments; at most 4096 bytes of UTF-8.</param>
    public void Send(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var count = Encoding.UTF8.GetByteCount(message);
            if (count > MaxMessageBytes)
            {
                throw new ArgumentException($"a systemd notification is at most {MaxMessageBytes} bytes; this one is {count}", nameof(message));
            }

            Encoding.UTF8.GetBytes(message, _buffer);
            _socket.SendTo(_buffer.AsSpan(0, count), SocketFlags.None, _endPoint);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _socket.Dispose();
            }
        }
    }
}
