using EdgeService.Health;
using Kws.Detection.Pipeline;
using EdgeService.Audio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeService.Hosting;

/// <summary>
/// The always-on service: starts the audio source into the ring buffer and feeds the pipeline from it on one thread,
/// polling on a 10 ms period of the injected clock when the buffer is empty. A finite source (file, stdin) that ends
/// stops the host once the pipeline has had every sample. A source that fails for good is logged and the host stops
/// with exit code 1; one that recovers by itself (a microphone, which retries until it is back) keeps the service up,
/// until its fault turns final (a stream stuck in the driver that could not be closed): then it exits with code 1 too,
/// for systemd's <c>Restart=</c> to start it again. Any other exception (the source's start, the pipeline) is kept in
/// <see cref="ServiceFailure"/> and stops the host; the run command then reports it in one line with a non-zero exit
/// code.
/// </summary>
internal sealed partial class SpotterService(
    IAudioSource source,
    IAudioRingBuffer ring,
    DetectionPipeline pipeline,
    IModelUpdates modelUpdates,
    ServiceHealth health,
    ServiceFailure failure,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SpotterService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly RingOverflowReporter _overflows = new(logger, ring.SampleRateHz);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var buffer = new float[ring.SampleRateHz / 10];
        var recent = new RecentAudio(3 * ring.SampleRateHz); // what a swapped-in model catches up on (a window and a smoother's worth)
        var recentCopy = new float[recent.Capacity];
        using var poll = new PeriodicTimer(Poll, time); // one timer for the whole run: an idle poll allocates nothing
        try
        {
            source.Start(ring);
            LogStarted(logger, source.GetType().Name, ring.Capacity * 1000 / ring.SampleRateHz);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (modelUpdates.TryTake(out var stage))
                {
                    SwapModel(stage, recent, recentCopy);
                }

                var read = ring.Read(buffer);
                _overflows.OnRead(read);
                if (read.Count > 0)
                {
                    if (read.AfterDiscontinuity)
                    {
                        pipeline.Restart(); // a new capture stream: its audio does not continue the old one's
                        recent.Clear();
                    }

                    pipeline.Process(buffer.AsSpan(0, read.Count), read.FirstSampleIndex);
                    recent.Append(buffer.AsSpan(0, read.Count), read.FirstSampleIndex);
                    health.AudioProgressed(read.EndSampleIndex);
                    continue;
                }

                var state = source.State;
                if (state == AudioSourceState.Completed && ring.Available == 0)
                {
                    LogSourceEnded(logger, pipeline.Stats.TotalSamples / (double)ring.SampleRateHz);
                    lifetime.StopApplication();
                    return;
                }

                if (state == AudioSourceState.Faulted && !source.RecoversFromFaults)
                {
                    LogSourceFailed(logger, source.Fault?.Message ?? "unknown error");
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                }

                await poll.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure.Record(e); // reported by the run command once the host has stopped
            lifetime.StopApplication();
        }
        finally
        {
            source.Stop();
        }
    }

    /// <summary>Swaps a newly loaded model in, warm (it catches up on the recent audio), and disposes the one it replaces.</summary>
    private void SwapModel(ModelStage stage, RecentAudio recent, float[] recentCopy)
    {
        var count = recent.CopyTo(recentCopy);
        var retired = pipeline.Replace(stage, recentCopy.AsSpan(0, count), recent.FirstSampleIndex, out var caughtUp);
        retired.Dispose();
        LogSwapped(logger, caughtUp * 1000 / ring.SampleRateHz);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Switched to the new model after it caught up on the last {CaughtUpMs} ms of audio")]
    private static partial void LogSwapped(ILogger logger, int caughtUpMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening: {Source} into a {BufferMs} ms ring buffer")]
    private static partial void LogStarted(ILogger logger, string source, int bufferMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audio source ended after {Seconds:F1} s of audio; stopping")]
    private static partial void LogSourceEnded(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audio source failed: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string reason);
}
