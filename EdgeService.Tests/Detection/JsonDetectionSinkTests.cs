using Kws.Detection.Pipeline;
using System.Text;
using EdgeService.Detection;

namespace EdgeService.Tests.Detection;

/// <summary>The --json sink never makes the pipeline wait for its reader, and loses nothing a reader comes back for.</summary>
public sealed class JsonDetectionSinkTests
{
    private static readonly TimeSpan ThreadWait = TimeSpan.FromSeconds(10);

    /// <summary>A writer whose reader has stopped reading: every line blocks until <see cref="Release"/>.</summary>
    private sealed class StalledReader : TextWriter
    {
        private readonly ManualResetEventSlim _release = new(false);

        public List<string> Lines { get; } = [];

        public ManualResetEventSlim FirstLineEntered { get; } = new(false);

        public Exception? FailWith { get; init; }

        public override Encoding Encoding => Encoding.UTF8;

        public void Release() => _release.Set();

        public override void WriteLine(string? value)
        {
            FirstLineEntered.Set();
            if (FailWith is not null)
            {
                throw FailWith;
            }

            _release.Wait(ThreadWait);
            lock (Lines)
            {
                Lines.Add(value!);
            }
        }
    }

    private static KeywordDetection At(double seconds) => new("yes", seconds, 0.9f, (long)(seconds * 16000));

    [Fact]
    public void A_reader_that_stops_reading_does_not_block_the_pipeline_and_gets_every_line_when_it_reads_again()
    {
        var reader = new StalledReader();
        using var sink = new JsonDetectionSink(reader);

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            sink.OnDetection(At(i));
        }

        var pipelineWaited = started.Elapsed; // the 50 calls only, not how soon the writer thread got going
        Assert.True(reader.FirstLineEntered.Wait(ThreadWait, TestContext.Current.CancellationToken), "nothing was written");
        Assert.True(pipelineWaited < TimeSpan.FromSeconds(2), $"the pipeline waited {pipelineWaited} for a stalled reader");
        Assert.Empty(reader.Lines);

        reader.Release();
        sink.Dispose(); // writes what is queued
        Assert.Equal(Enumerable.Range(0, 50).Select(i => JsonDetectionSink.Format(At(i))), reader.Lines);
        Assert.Equal(0, sink.DroppedLines);
    }

    [Fact]
    public void Beyond_the_queue_lines_are_dropped_and_counted()
    {
        var reader = new StalledReader();
        using var sink = new JsonDetectionSink(reader);
        sink.OnDetection(At(0));
        Assert.True(reader.FirstLineEntered.Wait(ThreadWait, TestContext.Current.CancellationToken), "nothing was written");

        var offered = JsonDetectionSink.QueueCapacity + 40;
        for (var i = 1; i <= offered; i++)
        {
            sink.OnDetection(At(i));
        }

        Assert.Equal(40, sink.DroppedLines);
        reader.Release();
        sink.Dispose();
        Assert.Equal(1 + JsonDetectionSink.QueueCapacity, reader.Lines.Count);
        Assert.Equal(JsonDetectionSink.Format(At(JsonDetectionSink.QueueCapacity)), reader.Lines[^1]); // the oldest kept, in order
    }

    [Fact]
    public void A_closed_pipe_ends_the_writing_quietly()
    {
        var reader = new StalledReader { FailWith = new IOException("Broken pipe") };
        var sink = new JsonDetectionSink(reader);
        sink.OnDetection(At(1));
        Assert.True(reader.FirstLineEntered.Wait(ThreadWait, TestContext.Current.CancellationToken), "nothing was written");
        sink.OnDetection(At(2)); // after the failure: accepted, never thrown
        sink.Dispose();
        sink.OnDetection(At(3)); // after disposal: ignored
    }
}
