using TestSupport;
using System.Net.Sockets;
using System.Text;

namespace EdgeService.Tests.Systemd;

/// <summary>The systemd end of sd_notify for tests: a real AF_UNIX datagram socket, bound to a temp path or an abstract name.</summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly byte[] _buffer = new byte[8192];
    private readonly string? _dir;

    private NotifyListener(string address, string? dir)
    {
        Address = address;
        _dir = dir;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address));
    }

    /// <summary>What goes into NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public static NotifyListener AtPath()
    {
        var dir = TestSupport.TestPaths.NewTempDir("kws-notify");
        return new NotifyListener(Path.Combine(dir, "notify.sock"), dir);
    }

    public static NotifyListener Abstract() => new($"@kws-edge-test-{Guid.NewGuid():N}", null);

    /// <summary>The next datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public string? Receive(TimeSpan timeout)
    {
        _socket.ReceiveTimeout = Math.Max(1, (int)timeout.TotalMilliseconds);
        try
        {
            var n = _socket.Receive(_buffer);
            return Encoding.UTF8.GetString(_buffer, 0, n);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            return null;
        }
    }

    /// <summary>The next datagram; fails the test when none arrives within <paramref name="timeout"/>.</summary>
    public string Expect(TimeSpan timeout, string what) =>
        Receive(timeout) ?? throw new Xunit.Sdk.XunitException($"no notification within {timeout.TotalSeconds} s; expected {what}");

    public void Dispose()
    {
        _socket.Dispose();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
