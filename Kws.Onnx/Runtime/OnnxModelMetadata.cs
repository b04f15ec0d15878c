namespace Kws.Onnx.Runtime;

/// <summary>A model's metadata as ONNX Runtime reports it.</summary>
/// <param name="ProducerName">ModelProto.producer_name.</param>
/// <param name="GraphName">GraphProto.name.</param>
/// <param name="Description">ModelProto.doc_string.</param>
/// <param name="Version">ModelProto.model_version.</param>
/// <param name="Custom">ModelProto.metadata_props.</param>
public sealed record OnnxModelMetadata(
    string ProducerName,
    string GraphName,
    string Description,
    long Version,
    IReadOnlyDictionary<string, string> Custom);
