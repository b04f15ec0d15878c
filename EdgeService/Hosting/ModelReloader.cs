using Kws.Detection.Pipeline;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeService.Hosting;

/// <summary>
/// Notices a replaced model file and prepares the new model for the running service, so a model can be updated
/// without a restart and without missing a word. Contract:
/// <list type="bullet">
/// <item><b>When.</b> Every <see cref="Kws.Detection.Model.ModelOptions.ReloadCheckS"/> seconds of the injected clock it compares the file's
/// <see cref="ModelFileStamp"/> with the one last loaded. A changed file is loaded once it has kept the same stamp for
/// one more look (a copy still being written is not loaded half-way). SIGHUP (<c>systemctl reload</c>) loads the file
/// at once, changed or not.</item>
/// <item><b>Load.</b> Off the service loop (on the timer's or a pool thread, one load at a time): the file is opened and
/// checked like at start (the model contract, the tensor shapes, the settings), and the new
/// <see cref="ModelStage"/> is left for the service loop, which takes it with <see cref="TryTake"/> and swaps it in
/// (<see cref="DetectionPipeline.Replace"/>).</item>
/// <item><b>SIGHUP ignored.</b> A process started with SIGHUP ignored (<c>nohup</c>; systemd never does this) cannot
/// take it (<see cref="IgnoredSignals"/>): one warning at start says so, and what still picks up a new file.</item>
/// <item><b>Faults.</b> A file that fails to load is logged once as an error naming the file and the problem, and
/// the loaded model stays in use; the next change of the file is tried again. A missing file is logged once as a
/// warning; the loaded model stays.</item>
/// </list>
/// </summary>
internal sealed partial class ModelReloader : IModelUpdates, IHostedService, IDisposable
{
    private readonly string _path;
    private readonly Func<ModelStage> _load;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly Lock _loadLock = new();
    private readonly bool _hangupIgnored;
    private ModelFileStamp _loaded;
    private ModelFileStamp _lastSeen;
    private bool _reportedMissing;
    private ModelStage? _ready;
    private ITimer? _timer;
    private PosixSignalRegistration? _hangup;
    private bool _disposed;

    /// <summary>Watches <paramref name="path"/>, whose current version the service has just loaded.</summary>
    /// <param name="path">The model file in use.</param>
    /// <param name="load">Loads the file and builds its stage; throws with a clear message when it cannot.</param>
    /// <param name="time">The clock of the checks.</param>
    /// <param name="reloadCheckS">Seconds between checks; 0 = only on SIGHUP or <see cref="RequestReload"/>.</param>
    /// <param name="logger">Where loads and faults are reported.</param>
    /// <param name="hangupIgnored">Whether this process was started with SIGHUP ignored (<see cref="IgnoredSignals"/>).</param>
    public ModelReloader(string path, Func<ModelStage> load, TimeProvider time, int reloadCheckS, ILogger<ModelReloader> logger, bool hangupIgnored = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(reloadCheckS);
        _path = path;
        _load = load;
        _time = time;
        _interval = TimeSpan.FromSeconds(reloadCheckS);
        _logger = logger;
        _hangupIgnored = hangupIgnored;
        _loaded = ModelFileStamp.Of(path);
        _lastSeen = _loaded;
    }

    /// <summary>Starts the periodic check and the SIGHUP handler.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_interval > TimeSpan.Zero)
        {
            _timer = _time.CreateTimer(static state => ((ModelReloader)state!).Check(force: false), this, _interval, _interval);
        }

        if (_hangupIgnored)
        {
            if (_interval > TimeSpan.Zero)
            {
                LogHangupIgnored(_logger, (int)_interval.TotalSeconds);
            }
            else
            {
                LogHangupIgnoredNoChecks(_logger);
            }
        }
        else if (!OperatingSystem.IsWindows())
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // SIGHUP would end the process otherwise
                LogHangup(_logger, _path);
                RequestReload();
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops checking.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _hangup?.Dispose();
        _hangup = null;
        _timer?.Dispose();
        _timer = null;
        return Task.CompletedTask;
    }

    /// <summary>Loads the model file now, on a pool thread, whether or not it changed (SIGHUP).</summary>
    public void RequestReload() => ThreadPool.UnsafeQueueUserWorkItem(static self => self.Check(force: true), this, preferLocal: false);

    /// <summary>Looks at the file once, as a periodic check does (<paramref name="force"/> false) or as SIGHUP does.</summary>
    /// <param name="force">Load even if the file has not changed.</param>
    public void Check(bool force)
    {
        lock (_loadLock)
        {
            if (_disposed)
            {
                return;
            }

            var stamp = ModelFileStamp.Of(_path);
            if (!stamp.Exists)
            {
                if (!_reportedMissing)
                {
                    _reportedMissing = true;
                    LogMissing(_logger, _path);
                }

                _lastSeen = stamp;
                return;
            }

            _reportedMissing = false;
            var settled = stamp == _lastSeen;
            _lastSeen = stamp;
            if (!force && (stamp == _loaded || !settled))
            {
                return;
            }

            _loaded = stamp;
            Load();
        }
    }

    /// <inheritdoc />
    public bool TryTake(out ModelStage stage)
    {
        stage = Interlocked.Exchange(ref _ready, null)!;
        return stage is not null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _hangup?.Dispose();
        _timer?.Dispose();
        lock (_loadLock)
        {
            _disposed = true;
        }

        Interlocked.Exchange(ref _ready, null)?.Model.Dispose();
    }

    private void Load()
    {
        ModelStage stage;
        try
        {
            stage = _load();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLoadFailed(_logger, _path, e.Message);
            return;
        }

        // A stage not yet taken is superseded by the newer file.
        Interlocked.Exchange(ref _ready, stage)?.Model.Dispose();
        LogLoaded(_logger, _path, string.Join(",", stage.Model.Labels));
    }

    [LoggerMessage(EventId = 160, Level = LogLevel.Information, Message = "Model file {Path} changed: loaded it (labels {Labels}); it takes over at the next audio block, warm, without a gap")]
    private static partial void LogLoaded(ILogger logger, string path, string labels);

    [LoggerMessage(EventId = 161, Level = LogLevel.Error, Message = "Model file {Path} was replaced but cannot be used, so the loaded model stays in use: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 162, Level = LogLevel.Warning, Message = "Model file {Path} is gone; the loaded model stays in use")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 164, Level = LogLevel.Warning, Message = "SIGHUP is ignored in this process (it was started with SIGHUP ignored, as nohup does), so SIGHUP and systemctl reload do not load the model file again; a replaced file is still picked up by the check every {IntervalS} s")]
    private static partial void LogHangupIgnored(ILogger logger, int intervalS);

    [LoggerMessage(EventId = 165, Level = LogLevel.Warning, Message = "SIGHUP is ignored in this process (it was started with SIGHUP ignored, as nohup does) and Model:ReloadCheckS is 0, so a replaced model file is only used after a restart")]
    private static partial void LogHangupIgnoredNoChecks(ILogger logger);

    [LoggerMessage(EventId = 163, Level = LogLevel.Information, Message = "SIGHUP: loading model file {Path} again")]
    private static partial void LogHangup(ILogger logger, string path);
}
