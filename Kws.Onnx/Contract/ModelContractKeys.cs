namespace Kws.Onnx.Contract;

/// <summary>
/// The metadata keys (ONNX <c>metadata_props</c>) the trainer writes and the service checks. Numbers are written in
/// the invariant culture; labels are comma-separated in the order of the model's output.
/// </summary>
public static class ModelContractKeys
{
    /// <summary>Version of this contract; a service refuses versions it does not know.</summary>
    public const string ContractVersion = "kws.contract_version";

    /// <summary>Class labels in output order, comma-separated (e.g. <c>yes,no,_silence_,_unknown_</c>).</summary>
    public const string Labels = "kws.labels";

    /// <summary>Front end: sample rate in Hz.</summary>
    public const string SampleRateHz = "kws.sample_rate_hz";

    /// <summary>Front end: window length in ms.</summary>
    public const string WindowMs = "kws.window_ms";

    /// <summary>Front end: hop in ms.</summary>
    public const string HopMs = "kws.hop_ms";

    /// <summary>Front end: FFT size in samples.</summary>
    public const string FftSize = "kws.fft_size";

    /// <summary>Front end: mel bands per frame.</summary>
    public const string MelBins = "kws.mel_bins";

    /// <summary>Front end: lowest mel edge in Hz.</summary>
    public const string FminHz = "kws.fmin_hz";

    /// <summary>Front end: highest mel edge in Hz.</summary>
    public const string FmaxHz = "kws.fmax_hz";

    /// <summary>Front end: floor of the mel energy before the log.</summary>
    public const string LogFloor = "kws.log_floor";

    /// <summary>Frames per model input (the time axis of the spectrogram image).</summary>
    public const string Frames = "kws.frames";

    /// <summary>Feature normalisation, <c>mean_std:MEAN,STD</c>.</summary>
    public const string FeatureNormalization = "kws.feature_normalization";

    /// <summary>Optional: suggested detection threshold per keyword, <c>yes=0.8,no=0.8</c>.</summary>
    public const string Thresholds = "kws.thresholds";

    /// <summary>
    /// Optional (contract version 2): <c>window</c> (the default) or <c>streaming</c>; see <see cref="ModelExecution"/>.
    /// </summary>
    public const string Execution = "kws.execution";

    /// <summary>The keys every model must carry.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        ContractVersion, Labels, SampleRateHz, WindowMs, HopMs, FftSize, MelBins, FminHz, FmaxHz, LogFloor, Frames,
        FeatureNormalization,
    ];
}
