namespace Kws.Detection.Options;

/// <summary>A setting that cannot be used; the message names the setting, its value and what is expected.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
