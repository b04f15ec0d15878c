
using Kws.Detection.Pipeline;

namespace EdgeService.Audio;

/// <summary>A snapshot of live capture for the service's statistics line.</summary>
/// <param name="State">The source's state (Faulted while it waits to reopen a lost or absent device).</param>
/// <param name="Device">What is being captured now (null while no stream is open).</param>
/// <param name="CapturedFrames">Native frames delivered by all streams since Start.</param>
/// <param name="InputOverflows">Input overflows the device reported since Start (audio lost before it reached us).</param>
/// <param name="Reconnects">Times the device was reopened after a fault.</param>
/// <param name="Faults">Times the stream was lost or could not be opened (each failed attempt counts).</param>
/// <param name="LastFault">The latest fault's message, or null.</param>
internal readonly record struct AudioCaptureStatistics(
    AudioSourceState State, string? Device, long CapturedFrames, long InputOverflows, int Reconnects, int Faults, string? LastFault);
