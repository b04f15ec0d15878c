using Kws.Detection.Pipeline;
using System.Globalization;
using System.Threading.Channels;

namespace EdgeService.Detection;

/// <summary>
/// Writes each detection as one JSON object per line, <c>{"keyword":"yes","time_s":12.34,"score":0.97}</c>, to a
/// writer (standard output under <c>--json</c>), flushed at once so a reading process sees it immediately. The
/// writing happens on a thread of its own: a reader that stops reading (a full pipe) blocks that thread, never the
/// pipeline, which goes on detecting and lighting LEDs. Up to <see cref="QueueCapacity"/> lines wait for a slow
/// reader; beyond that new lines are dropped and counted (<see cref="DroppedLines"/>). A closed pipe ends the writing
/// quietly (the log sink still records every detection). Dispose writes what is queued, waiting at most
/// <see cref="DrainTimeout"/> for the reader.
/// </summary>
internal sealed class JsonDetectionSink : IDetectionSink, IDisposable
{
    /// <summary>How many lines may wait for a slow reader.</summary>
    public const int QueueCapacity = 256;

    /// <summary>How long Dispose waits for the queued lines to be written.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly TextWriter _output;
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // TryWrite never waits: it says false when full (DropWrite would say true)
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly Thread _writer;
    private long _dropped;
    private int _disposed;

    /// <summary>Starts the writing thread.</summary>
    /// <param name="output">Where the lines go.</param>
    public JsonDetectionSink(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _writer = new Thread(WriteLines) { IsBackground = true, Name = "json-detections" };
        _writer.Start();
    }

    /// <summary>Lines dropped because the reader fell <see cref="QueueCapacity"/> lines behind.</summary>
    public long DroppedLines => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public void OnDetection(in KeywordDetection detection)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (!_lines.Writer.TryWrite(Format(detection)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>The JSON line of one detection (time to the millisecond, score to three decimals).</summary>
    public static string Format(in KeywordDetection detection) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"keyword\":{System.Text.Json.JsonSerializer.Serialize(detection.Keyword)},\"time_s\":{detection.TimeS:0.###},\"score\":{detection.Score:0.###}}}");

    /// <summary>Writes what is queued (at most <see cref="DrainTimeout"/>), then stops the writing thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _lines.Writer.TryComplete();
        _writer.Join(DrainTimeout);
    }

    private void WriteLines()
    {
        var reader = _lines.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var line))
                {
                    _output.WriteLine(line);
                    _output.Flush();
                }
            }
        }
        catch (IOException)
        {
            // A closed pipe: nobody reads any more. The pipeline is not affected; the log sink has every detection.
        }
        catch (ObjectDisposedException)
        {
            // The writer was closed at exit.
        }
    }
}
