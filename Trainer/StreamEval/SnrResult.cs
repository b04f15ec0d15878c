namespace Trainer.StreamEval;

/// <summary>The stream at one SNR: its make-up and every pass through the pipeline.</summary>
/// <param name="SnrDb">The requested SNR (see <see cref="SnrMixer"/> for the definition).</param>
/// <param name="MeasuredSnrDb">The SNR measured back on the mixed stream (after clipping).</param>
/// <param name="DurationS">Stream length in seconds.</param>
/// <param name="Words">Placed words per label group: each keyword and "other".</param>
/// <param name="Default">The pass with the settings as given (thresholds from the settings, else the model's, else the default).</param>
/// <param name="Sweep">One pass per swept threshold (both keywords set to it), in threshold order.</param>
internal sealed record SnrResult(double SnrDb, double MeasuredSnrDb, double DurationS, IReadOnlyDictionary<string, int> Words,
    StreamRunResult Default, IReadOnlyList<StreamRunResult> Sweep);
