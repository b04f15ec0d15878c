namespace Kws.Onnx.Contract;

/// <summary>A model file that does not meet the model contract: the message names the key or tensor and the values.</summary>
public sealed class ModelContractException : Exception
{
    /// <summary>Makes the exception with a message that names what disagrees.</summary>
    public ModelContractException(string message)
        : base(message)
    {
    }

    /// <summary>Makes the exception with a message and the exception that caused it.</summary>
    public ModelContractException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
