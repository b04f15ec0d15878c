using TestSupport;
using EdgeService.Health;
using Kws.Detection.Pipeline;
using EdgeService.Hosting;
using EdgeService.Systemd;
using EdgeService.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeService.Tests.Systemd;

public sealed class SystemdNotifyServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task ReadyAfterFirstAudio_WatchdogEveryHalfInterval_OnlyWhileAudioProgresses()
    {
        using var listener = NotifyListener.AtPath();
        var time = new FakeTimeProvider();
        var health = new ServiceHealth();
        using var service = Make(listener.Address, TimeSpan.FromSeconds(1), time, health, new FakeAudioSource(recoversFromFaults: false));

        await service.StartAsync(CancellationToken.None);
        Assert.Equal("STATUS=waiting for audio", listener.Expect(Wait, "the first status"));
        Assert.Equal(Half, service.CheckInterval);

        time.Advance(SystemdNotifyService.ReadyPoll);
        Assert.Null(listener.Receive(Quiet)); // no audio yet: not ready

        health.AudioProgressed(1600);
        time.Advance(SystemdNotifyService.ReadyPoll); // t = 200 ms
        var ready = listener.Expect(Wait, "READY=1");
        Assert.StartsWith("READY=1\nSTATUS=listening; 0.1 s of audio; 0 detections", ready);

        // Audio keeps coming: one WATCHDOG=1 per half interval (t = 500, 1000, 1500 ms).
        long samples = 1600;
        for (var i = 0; i < 3; i++)
        {
            samples += 8000;
            health.AudioProgressed(samples);
            time.Advance(i == 0 ? TimeSpan.FromMilliseconds(300) : Half);
            Assert.StartsWith("WATCHDOG=1\nSTATUS=listening;", listener.Expect(Wait, $"WATCHDOG=1 number {i + 1}"));
        }

        // The source stalls: checks go on (STATUS), pings stop.
        for (var i = 0; i < 3; i++)
        {
            time.Advance(Half);
            var check = listener.Expect(Wait, "a status while stalled");
            Assert.DoesNotContain("WATCHDOG", check);
            Assert.Contains("audio stalled for", check);
        }

        // Audio is back: pings resume.
        health.AudioProgressed(samples + 8000);
        time.Advance(Half);
        Assert.StartsWith("WATCHDOG=1\nSTATUS=listening;", listener.Expect(Wait, "WATCHDOG=1 after the stall"));

        await service.StopAsync(CancellationToken.None);
        Assert.Equal("STOPPING=1\nSTATUS=stopping", listener.Expect(Wait, "STOPPING=1"));
        time.Advance(Half * 4);
        Assert.Null(listener.Receive(Quiet)); // nothing after STOPPING=1
    }

    [Fact]
    public async Task WatchdogPingsEveryCheck_WhileAudioFlowsSteadily()
    {
        using var listener = NotifyListener.AtPath();
        var time = new FakeTimeProvider();
        var health = new ServiceHealth();
        health.AudioProgressed(320);
        using var service = Make(listener.Address, TimeSpan.FromSeconds(2), time, health, new FakeAudioSource(false));
        await service.StartAsync(CancellationToken.None);
        listener.Expect(Wait, "the first status");
        Assert.StartsWith("READY=1", listener.Expect(Wait, "READY=1 (audio was already flowing)"));

        var pings = 0;
        for (var i = 1; i <= 5; i++)
        {
            health.AudioProgressed(320 + (i * 16000));
            time.Advance(TimeSpan.FromSeconds(1));
            pings += listener.Expect(Wait, "a check").StartsWith("WATCHDOG=1\n", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(5, pings);
    }

    [Fact]
    public async Task AbstractSocketName_GetsReadyAndStopping()
    {
        using var listener = NotifyListener.Abstract();
        var time = new FakeTimeProvider();
        var health = new ServiceHealth();
        using var service = Make(listener.Address, null, time, health, new FakeAudioSource(false));
        await service.StartAsync(CancellationToken.None);
        Assert.Equal("STATUS=waiting for audio", listener.Expect(Wait, "the first status"));
        health.AudioProgressed(16000);
        time.Advance(SystemdNotifyService.ReadyPoll);
        Assert.StartsWith("READY=1\nSTATUS=listening; 1.0 s of audio", listener.Expect(Wait, "READY=1"));

        // No watchdog: status every StatusInterval, never WATCHDOG=1.
        Assert.Equal(SystemdNotifyService.StatusInterval, service.CheckInterval);
        health.AudioProgressed(32000);
        time.Advance(SystemdNotifyService.StatusInterval);
        Assert.StartsWith("STATUS=listening; 2.0 s of audio", listener.Expect(Wait, "a status"));

        await service.StoppingAsync(CancellationToken.None);
        Assert.Equal("STOPPING=1\nSTATUS=stopping", listener.Expect(Wait, "STOPPING=1"));
        await service.StopAsync(CancellationToken.None);
        Assert.Null(listener.Receive(Quiet)); // STOPPING=1 only once
    }

    [Fact]
    public async Task MicrophoneRetrying_CountsAsReadyAndAlive_ButAStalledRunningSourceDoesNot()
    {
        using var listener = NotifyListener.AtPath();
        var time = new FakeTimeProvider();
        var health = new ServiceHealth();
        var source = new FakeAudioSource(recoversFromFaults: true);
        using var service = Make(listener.Address, TimeSpan.FromSeconds(1), time, health, source);
        await service.StartAsync(CancellationToken.None);
        listener.Expect(Wait, "the first status");

        source.Set(AudioSourceState.Faulted, new IOException("device unplugged"));
        time.Advance(SystemdNotifyService.ReadyPoll);
        Assert.StartsWith("READY=1\nSTATUS=audio source failing (device unplugged), retrying;", listener.Expect(Wait, "READY=1 while retrying"));

        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.StartsWith("WATCHDOG=1\nSTATUS=audio source failing", listener.Expect(Wait, "WATCHDOG=1 while retrying"));

        source.Set(AudioSourceState.Running); // "running" but delivering nothing: a hung device
        time.Advance(Half);
        Assert.DoesNotContain("WATCHDOG", listener.Expect(Wait, "a status while hung"));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WithoutNotifySocket_NothingHappens()
    {
        var time = new FakeTimeProvider();
        var health = new ServiceHealth();
        var environment = SystemdEnvironment.Read(_ => null, 1234);
        Assert.False(environment.NotifyEnabled);
        using var service = new SystemdNotifyService(environment, health, new FakeAudioSource(false), new DetectionTally(), time, NullLogger<SystemdNotifyService>.Instance);

        await service.StartAsync(CancellationToken.None);
        Assert.Equal(0, time.ActiveTimers);
        health.AudioProgressed(16000);
        time.Advance(TimeSpan.FromSeconds(30));
        await service.StoppingAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SocketThatIsGone_IsNotAnError()
    {
        var dir = TestSupport.TestPaths.NewTempDir("kws-notify-gone");
        var time = new FakeTimeProvider();
        var health = new ServiceHealth();
        using var service = Make(Path.Combine(dir, "nobody-listens.sock"), TimeSpan.FromSeconds(1), time, health, new FakeAudioSource(false));
        await service.StartAsync(CancellationToken.None);
        health.AudioProgressed(1600);
        time.Advance(TimeSpan.FromSeconds(2));
        await service.StopAsync(CancellationToken.None);
        Directory.Delete(dir, recursive: true);
    }

    private static SystemdNotifyService Make(string socket, TimeSpan? watchdog, FakeTimeProvider time, ServiceHealth health, FakeAudioSource source) =>
        new(new SystemdEnvironment(socket, watchdog), health, source, new DetectionTally(), time, NullLogger<SystemdNotifyService>.Instance);
}
