using EdgeService.Systemd;

namespace EdgeService.Tests.Systemd;

public sealed class SystemdEnvironmentTests
{
    [Theory]
    [InlineData("/run/systemd/notify", "/run/systemd/notify")]
    [InlineData("@/org/freedesktop/systemd1/notify/123", "@/org/freedesktop/systemd1/notify/123")]
    [InlineData("vsock:2:1234", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NotifySocket_IsAPathOrAnAbstractName(string? value, string? expected)
    {
        var env = SystemdEnvironment.Read(name => name == "NOTIFY_SOCKET" ? value : null, 42);
        Assert.Equal(expected, env.NotifySocket);
        Assert.Equal(expected is not null, env.NotifyEnabled);
    }

    [Theory]
    [InlineData("10000000", null, 10.0)]
    [InlineData("1000000", "42", 1.0)]
    [InlineData("1000000", "43", null)]
    [InlineData("0", null, null)]
    [InlineData("-5", null, null)]
    [InlineData("abc", null, null)]
    [InlineData(null, null, null)]
    public void Watchdog_FromWatchdogUsec_OnlyForThisProcess(string? usec, string? pid, double? expectedSeconds)
    {
        var values = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = "/run/systemd/notify", ["WATCHDOG_USEC"] = usec, ["WATCHDOG_PID"] = pid };
        var env = SystemdEnvironment.Read(name => values.GetValueOrDefault(name), 42);
        Assert.Equal(expectedSeconds, env.WatchdogInterval?.TotalSeconds);
    }
}
