namespace Trainer.Data;

/// <summary>Training data that cannot be used: the message names the folder or file and the problem.</summary>
internal sealed class DataException(string message) : Exception(message);
