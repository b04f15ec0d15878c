namespace EdgeService.Audio;

/// <summary>Exponential back-off: the first delay, doubled after every failure, capped; <see cref="Reset"/> after a success.</summary>
/// <param name="initial">The first delay.</param>
/// <param name="max">The cap.</param>
internal sealed class RetryBackoff(TimeSpan initial, TimeSpan max)
{
    private readonly TimeSpan _initial = initial;
    private readonly TimeSpan _max = max;
    private TimeSpan _next = initial;

    /// <summary>The delay to wait now; the following one is twice as long (at most the cap).</summary>
    public TimeSpan Next()
    {
        var delay = _next < _max ? _next : _max;
        _next = delay * 2 < _max ? delay * 2 : _max;
        return delay;
    }

    /// <summary>Starts again from the first delay.</summary>
    public void Reset() => _next = _initial;
}
