using EdgeService.Hosting;

namespace EdgeService.Tests.Hosting;

/// <summary>The ignored-signal mask of a <c>/proc/PID/status</c> text, read bit by bit; anything unreadable is "not ignored".</summary>
public class IgnoredSignalsTests
{
    private const string Status = "Name:\tkws-edge\nSigBlk:\t0000000000000001\nSigIgn:\t{0}\nSigCgt:\t0000000000004a02\n";

    [Theory]
    [InlineData("0000000000000001", 1, true)] // nohup: SIGHUP
    [InlineData("0000000000001001", 1, true)]
    [InlineData("0000000000001000", 1, false)] // SIGPIPE (13) only
    [InlineData("0000000000001000", 13, true)]
    [InlineData("0000000000000000", 1, false)]
    [InlineData("8000000000000000", 64, true)]
    [InlineData("8000000000000000", 1, false)]
    public void A_signal_is_ignored_when_its_bit_is_set(string mask, int signal, bool ignored) =>
        Assert.Equal(ignored, IgnoredSignals.IsIgnored(string.Format(System.Globalization.CultureInfo.InvariantCulture, Status, mask), signal));

    [Theory]
    [InlineData("Name:\tkws-edge\nSigBlk:\t0000000000000001\n")] // no SigIgn line: SigBlk is not read instead
    [InlineData("SigIgn:\tnot-hex\n")]
    [InlineData("")]
    public void A_status_without_a_readable_mask_ignores_nothing(string status) =>
        Assert.False(IgnoredSignals.IsIgnored(status, IgnoredSignals.Hangup));

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_signal_number_outside_1_to_64_is_refused(int signal) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IgnoredSignals.IsIgnored("SigIgn:\t0\n", signal));
}
