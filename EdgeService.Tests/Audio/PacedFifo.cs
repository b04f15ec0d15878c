using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeService.Tests.Audio;

/// <summary>
/// A named pipe that feeds an ALSA file device at a bounded pace, so that a device over it behaves like a real one
/// (a plain file device delivers about 1800 times faster than real time, which no ring buffer survives on a loaded
/// machine). A writer thread opens the pipe, writes <c>content</c> from its start in 20 ms chunks at
/// <c>speed</c> times real time and then silence until disposed. PortAudio opens a device several times while it
/// probes it; each time the reader goes away the write fails (EPIPE) and the writer starts over from the beginning on
/// the next open, so the stream that stays open sees the content whole, from its first byte.
/// <see cref="Stalled"/> holds the pipe open and writes nothing (a device whose clock stopped) until it is cleared;
/// <see cref="StallAfterBytes"/> sets it by itself once one open has had that much.
/// </summary>
internal sealed class PacedFifo : IDisposable
{
    private const int ChunkMs = 20;
    private readonly byte[] _content;
    private readonly int _chunkBytes;
    private readonly double _speed;
    private readonly Thread _writer;
    private long _bytesWritten;
    private long _stalledAt;
    private volatile bool _stopping;
    private volatile bool _stalled;

    /// <param name="path">Where the pipe is made.</param>
    /// <param name="content">What the writer writes first.</param>
    /// <param name="bytesPerSecond">The pace at speed 1.</param>
    /// <param name="speed">Times real time.</param>
    /// <param name="startWriting">False: no writer until <see cref="StartWriting"/>, so a reader blocks in open(2).</param>
    public PacedFifo(string path, byte[] content, int bytesPerSecond, double speed, bool startWriting = true)
    {
        if (MkFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }

        Path = path;
        _content = content;
        _chunkBytes = bytesPerSecond * ChunkMs / 1000;
        _speed = speed;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "paced-fifo" };
        if (startWriting)
        {
            StartWriting();
        }
    }

    public string Path { get; }

    /// <summary>How many times a reader opened the pipe (and the content started over).</summary>
    public int Opens { get; private set; }

    /// <summary>When above 0: <see cref="Stalled"/> turns true when one open of the pipe reaches this many bytes.</summary>
    public long StallAfterBytes { get; init; }

    /// <summary>When the writer last stalled (<see cref="Stopwatch.GetTimestamp"/>); 0 before.</summary>
    public long StalledAt => Interlocked.Read(ref _stalledAt);

    /// <summary>Bytes written into the pipe so far (all opens together).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>
    /// While true the writer keeps the pipe open but writes nothing, so a reader blocks in read(2) as on a device
    /// whose clock stopped; clearing it resumes the pacing where it stopped (no burst to catch up).
    /// </summary>
    public bool Stalled
    {
        get => _stalled;
        set
        {
            if (value && !_stalled)
            {
                Interlocked.Exchange(ref _stalledAt, Stopwatch.GetTimestamp());
            }

            _stalled = value;
        }
    }

    /// <summary>Starts the writer (made with startWriting false); a reader waiting in open(2) then goes on. Idempotent.</summary>
    public void StartWriting()
    {
        lock (_writer)
        {
            if (_writer.ThreadState.HasFlag(System.Threading.ThreadState.Unstarted))
            {
                _writer.Start();
            }
        }
    }

    private void WriteLoop()
    {
        var silence = new byte[_chunkBytes];
        while (!_stopping)
        {
            using var pipe = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            Opens++;
            var clock = Stopwatch.StartNew();
            try
            {
                long offset = 0;
                for (long n = 0; !_stopping; n++)
                {
                    if (_stalled)
                    {
                        while (_stalled && !_stopping)
                        {
                            Thread.Sleep(ChunkMs);
                        }

                        clock.Restart();
                        n = 0;
                    }

                    var chunk = offset < _content.Length
                        ? _content.AsSpan((int)offset, (int)Math.Min(_chunkBytes, _content.Length - offset))
                        : silence;
                    pipe.Write(chunk);
                    offset += chunk.Length;
                    Interlocked.Add(ref _bytesWritten, chunk.Length);
                    if (StallAfterBytes > 0 && offset >= StallAfterBytes && offset - chunk.Length < StallAfterBytes)
                    {
                        Stalled = true;
                    }

                    var due = TimeSpan.FromMilliseconds((n + 1) * ChunkMs / _speed) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        Thread.Sleep(due);
                    }
                }
            }
            catch (IOException)
            {
                // The reader closed the pipe (EPIPE): a probe, or the end of the stream. Start over on the next open.
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (!_writer.ThreadState.HasFlag(System.Threading.ThreadState.Unstarted) && !_writer.Join(200))
        {
            // The writer waits in open() for a reader: give it one that never blocks, then let it see the flag.
            var fd = Open(Path, 0x800 /* O_RDONLY | O_NONBLOCK */);
            _writer.Join(2000);
            if (fd >= 0)
            {
                _ = Close(fd);
            }
        }

        File.Delete(Path);
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo(string path, uint mode);

    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
