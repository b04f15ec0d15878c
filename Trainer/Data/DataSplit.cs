namespace Trainer.Data;

/// <summary>Which part of the data a clip belongs to.</summary>
internal enum DataSplit
{
    /// <summary>Used to fit the weights.</summary>
    Train,

    /// <summary>Held-out speakers used to choose the model and its settings.</summary>
    Validation,

    /// <summary>Held-out speakers used only for the final figures.</summary>
    Test,
}
