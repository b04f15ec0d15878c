using Kws.Detection.Pipeline;
using EdgeService.Hosting;
using EdgeService.Tests.Fakes;
using Kws.Audio.Features;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace EdgeService.Tests.Hosting;

/// <summary>
/// The model reloader on a fake clock and a real file: a changed file is loaded once it has settled, handed over once,
/// a file that fails to load leaves the loaded model in use with one error, a missing file with one warning.
/// </summary>
public sealed class ModelReloaderTests : IDisposable
{
    private static readonly string[] Labels = ["yes", "no", "_silence_", "_unknown_"];
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingLogger<ModelReloader> _logger = new();
    private readonly string _path;
    private readonly List<ScriptedKeywordModel> _loaded = [];
    private Exception? _loadError;

    public ModelReloaderTests()
    {
        _path = Path.Combine(TestPaths.NewTempDir("kws-reload"), "model.onnx");
        Write("version 1");
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    private void Write(string content, int secondsLater = 0)
    {
        File.WriteAllText(_path, content);
        File.SetLastWriteTimeUtc(_path, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(secondsLater));
    }

    private ModelStage Load()
    {
        if (_loadError is not null)
        {
            throw _loadError;
        }

        var model = new ScriptedKeywordModel(Labels, 98 * 40, (_, _) => { });
        _loaded.Add(model);
        return new ModelStage(
            new FeatureWindow(new LogMelOptions(), 98, FeatureNormalization.Identity),
            model,
            new PosteriorSmoother(Labels, new PosteriorSmootherOptions(), 16000, 800),
            160,
            5,
            16000);
    }

    private ModelReloader Start(int reloadCheckS = 5, string? path = null, bool hangupIgnored = false)
    {
        var reloader = new ModelReloader(path ?? _path, Load, _clock, reloadCheckS, _logger, hangupIgnored);
        reloader.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return reloader;
    }

    private IEnumerable<string> Messages(LogLevel level) => _logger.Entries.Where(e => e.Level == level).Select(e => e.Message);

    [Fact]
    public void An_unchanged_file_is_never_loaded_again()
    {
        using var reloader = Start();
        _clock.Advance(Interval * 10);
        Assert.Empty(_loaded);
        Assert.False(reloader.TryTake(out _));
    }

    [Fact]
    public void A_changed_file_is_loaded_once_it_has_settled_and_handed_over_once()
    {
        using var reloader = Start();
        Write("version 2, longer", secondsLater: 60);
        _clock.Advance(Interval);
        Assert.Empty(_loaded); // changed since the last look: maybe still being written
        _clock.Advance(Interval);
        Assert.Single(_loaded);

        Assert.True(reloader.TryTake(out var stage));
        Assert.Same(_loaded[0], stage.Model);
        Assert.False(reloader.TryTake(out _));
        _clock.Advance(Interval * 5);
        Assert.Single(_loaded);
        Assert.Contains(Messages(LogLevel.Information), m => m.Contains(_path, StringComparison.Ordinal) && m.Contains("loaded it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_still_changing_is_not_loaded_until_it_stops()
    {
        using var reloader = Start();
        for (var i = 1; i <= 4; i++)
        {
            Write(new string('x', 10 * i), secondsLater: i);
            _clock.Advance(Interval);
            Assert.Empty(_loaded);
        }

        _clock.Advance(Interval);
        Assert.Single(_loaded);
    }

    [Fact]
    public void A_file_that_fails_to_load_leaves_the_old_model_with_one_error_and_the_next_change_is_tried()
    {
        using var reloader = Start();
        _loadError = new InvalidDataException("model.onnx: not an ONNX model (protobuf parse failed)");
        Write("garbage", secondsLater: 60);
        _clock.Advance(Interval * 6);
        Assert.False(reloader.TryTake(out _));
        var error = Assert.Single(Messages(LogLevel.Error));
        Assert.Contains(_path, error);
        Assert.Contains("not an ONNX model", error);
        Assert.Contains("stays in use", error);

        _loadError = null;
        Write("version 3", secondsLater: 120);
        _clock.Advance(Interval * 2);
        Assert.True(reloader.TryTake(out _));
        Assert.Single(Messages(LogLevel.Error));
    }

    [Fact]
    public void A_missing_file_is_reported_once_and_its_return_is_loaded()
    {
        using var reloader = Start();
        File.Delete(_path);
        _clock.Advance(Interval * 4);
        Assert.Single(Messages(LogLevel.Warning), m => m.Contains("is gone", StringComparison.Ordinal));
        Write("version 4", secondsLater: 90);
        _clock.Advance(Interval * 2);
        Assert.True(reloader.TryTake(out _));
    }

    [Fact]
    public void Through_a_symbolic_link_a_rewritten_target_and_a_repointed_link_are_both_noticed()
    {
        var dir = Path.GetDirectoryName(_path)!;
        var link = Path.Combine(dir, "current.onnx");
        File.CreateSymbolicLink(link, _path);
        using var reloader = Start(path: link);

        // The file the link points at is rewritten in place (the link itself does not change).
        Write("version 2 of the target", secondsLater: 60);
        _clock.Advance(Interval * 2);
        Assert.True(reloader.TryTake(out _), "a rewritten link target was not noticed");

        // The link is pointed at another file of the same length and time.
        var other = Path.Combine(dir, "other.onnx");
        File.Copy(_path, other);
        File.SetLastWriteTimeUtc(other, File.GetLastWriteTimeUtc(_path));
        File.Delete(link);
        File.CreateSymbolicLink(link, other);
        _clock.Advance(Interval * 2);
        Assert.True(reloader.TryTake(out _), "a re-pointed link was not noticed");
        Assert.Equal(2, _loaded.Count);
    }

    [Fact]
    public void A_forced_check_loads_at_once_even_an_unchanged_file()
    {
        using var reloader = Start(reloadCheckS: 0);
        Assert.Equal(0, _clock.ActiveTimers); // 0 = no periodic checks
        reloader.Check(force: true);
        Assert.True(reloader.TryTake(out _));
    }

    [Fact]
    public void RequestReload_loads_on_a_pool_thread()
    {
        using var reloader = Start(reloadCheckS: 0);
        reloader.RequestReload();
        ModelStage? stage = null;
        Assert.True(SpinWait.SpinUntil(() => reloader.TryTake(out stage), TimeSpan.FromSeconds(10)), "RequestReload did not load the model");
        Assert.NotNull(stage);
    }

    [Fact]
    public void A_stage_not_taken_is_disposed_when_superseded_or_when_the_reloader_is_disposed()
    {
        var reloader = Start(reloadCheckS: 0);
        reloader.Check(force: true);
        reloader.Check(force: true);
        Assert.Equal(2, _loaded.Count);
        Assert.Equal(1, _loaded[0].Disposals);
        Assert.Equal(0, _loaded[1].Disposals);
        reloader.Dispose();
        Assert.Equal(1, _loaded[1].Disposals);
        reloader.Check(force: true);
        Assert.Equal(2, _loaded.Count); // nothing loads after Dispose
    }

    [Theory]
    [InlineData(5, "check every 5 s")]
    [InlineData(0, "only used after a restart")]
    public void Started_with_sighup_ignored_it_warns_once_and_says_what_still_picks_up_a_new_file(int reloadCheckS, string what)
    {
        using var reloader = Start(reloadCheckS, hangupIgnored: true);
        var warning = Assert.Single(Messages(LogLevel.Warning));
        Assert.Contains("SIGHUP is ignored", warning);
        Assert.Contains(what, warning);
    }

    [Fact]
    public void Started_with_sighup_at_its_default_it_warns_of_nothing()
    {
        using var reloader = Start();
        Assert.Empty(Messages(LogLevel.Warning));
    }
}
