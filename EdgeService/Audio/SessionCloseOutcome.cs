namespace EdgeService.Audio;

/// <summary>Where the close of a capture session by a <see cref="SessionCloser"/> stands.</summary>
internal enum SessionCloseOutcome
{
    /// <summary>Dispose is running and the deadline has not passed.</summary>
    Pending,

    /// <summary>Dispose returned before the deadline: the stream is closed and the device released.</summary>
    Closed,

    /// <summary>The deadline passed with Dispose still running (stuck in the driver): the stream is given up.</summary>
    Abandoned,

    /// <summary>An abandoned Dispose returned after all, after the deadline.</summary>
    ClosedLate,
}
