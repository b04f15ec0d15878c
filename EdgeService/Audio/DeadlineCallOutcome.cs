namespace EdgeService.Audio;

/// <summary>Where a blocking call run by a <see cref="DeadlineCall{T}"/> stands.</summary>
internal enum DeadlineCallOutcome
{
    /// <summary>The call is running and the deadline has not passed.</summary>
    Pending,

    /// <summary>The call returned (or threw) before the deadline.</summary>
    Returned,

    /// <summary>The deadline passed with the call still running (stuck in the driver): it is given up.</summary>
    Abandoned,

    /// <summary>An abandoned call returned (or threw) after all, after the deadline.</summary>
    ReturnedLate,
}
