namespace Kws.Detection.Options;

/// <summary>An options class that checks itself: <see cref="Validate"/> lists every problem in words.</summary>
public interface ISelfValidatingOptions
{
    /// <summary>Every problem with the current values, one clear message each (naming the setting and its unit); empty when valid.</summary>
    IReadOnlyList<string> Validate();
}
