namespace Kws.Onnx.Format;

/// <summary>
/// An ONNX model around one <see cref="OnnxGraph"/>: IR version 8, opset 17 of the default domain, producer, doc
/// string and metadata_props. <see cref="ToBytes"/> writes the protobuf wire format by hand (no generated code).
/// </summary>
public sealed class OnnxModel
{
    /// <summary>The ONNX IR version written (8: known to ONNX 1.12 and to ONNX Runtime).</summary>
    public const long IrVersion = 8;

    /// <summary>The opset version of the default ONNX domain written.</summary>
    public const long OpsetVersion = 17;

    /// <summary>Wraps a graph.</summary>
    /// <param name="graph">The graph; it must have at least one input and one output.</param>
    public OnnxModel(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph = graph;
    }

    /// <summary>The graph.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>producer_name, e.g. "kws-trainer".</summary>
    public string ProducerName { get; set; } = "kws";

    /// <summary>producer_version, or null.</summary>
    public string? ProducerVersion { get; set; }

    /// <summary>The model's domain (reverse-DNS), or null.</summary>
    public string? Domain { get; set; }

    /// <summary>model_version.</summary>
    public long ModelVersion { get; set; }

    /// <summary>The model's description (ModelProto.doc_string), or null.</summary>
    public string? DocString { get; set; }

    /// <summary>metadata_props: free key/value pairs, written in key order.</summary>
    public IDictionary<string, string> Metadata { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The serialized model.</summary>
    /// <returns>The ModelProto bytes.</returns>
    public byte[] ToBytes()
    {
        if (Graph.Inputs.Count == 0 || Graph.Outputs.Count == 0)
        {
            throw new InvalidOperationException(
                $"graph '{Graph.Name}' needs at least one input and one output before it can be written");
        }

        return OnnxProtoWriter.WriteModel(this);
    }

    /// <summary>Writes the serialized model to a file (replacing it).</summary>
    /// <param name="path">The file path, usually ending in .onnx.</param>
    public void Save(string path) => File.WriteAllBytes(path, ToBytes());
}
