namespace Kws.Audio.Conversion;

/// <summary>How a multi-channel capture becomes mono (<c>Audio:Channel</c>).</summary>
public enum ChannelMode
{
    /// <summary>"auto": the average of the channels that carry signal. A channel that has been exactly zero since the
    /// stream opened (the empty slot of an I2S microphone) is left out, so an I2S mic keeps its full level; on an
    /// ordinary device this is the plain average.</summary>
    Auto,

    /// <summary>"mix": the average of all channels.</summary>
    Mix,

    /// <summary>A channel index: that channel only (0 = left, 1 = right).</summary>
    Index,
}
