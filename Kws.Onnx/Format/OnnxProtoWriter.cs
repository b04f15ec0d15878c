using Google.Protobuf;

namespace Kws.Onnx.Format;

/// <summary>
/// Writes the ONNX messages in protobuf wire format with <see cref="CodedOutputStream"/>. Field numbers are those of
/// the ONNX specification (onnx.proto, proto2 syntax); repeated scalars are written unpacked, proto2's encoding.
/// Each nested message is written to its own buffer first, then embedded with its length.
/// </summary>
internal static class OnnxProtoWriter
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelDomain = 4;
    private const int ModelModelVersion = 5;
    private const int ModelDocString = 6;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;

    // OperatorSetIdProto and StringStringEntryProto
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;
    private const int EntryKey = 1;
    private const int EntryValue = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphDocString = 10;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttrName = 1;
    private const int AttrFloat = 2;
    private const int AttrInt = 3;
    private const int AttrString = 4;
    private const int AttrFloats = 7;
    private const int AttrInts = 8;
    private const int AttrType = 20;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    internal static byte[] WriteModel(OnnxModel model) => Message(o =>
    {
        Int64(o, ModelIrVersion, OnnxModel.IrVersion);
        String(o, ModelProducerName, model.ProducerName);
        String(o, ModelProducerVersion, model.ProducerVersion);
        String(o, ModelDomain, model.Domain);
        Int64(o, ModelModelVersion, model.ModelVersion);
        String(o, ModelDocString, model.DocString);
        Embed(o, ModelGraph, WriteGraph(model.Graph));
        Embed(o, ModelOpsetImport, Message(s =>
        {
            Tag(s, OpsetDomain, WireFormat.WireType.LengthDelimited);
            s.WriteString(string.Empty);
            Int64(s, OpsetVersion, OnnxModel.OpsetVersion);
        }));
        foreach (var (key, value) in model.Metadata)
        {
            Embed(o, ModelMetadataProps, Message(e =>
            {
                String(e, EntryKey, key);
                String(e, EntryValue, value);
            }));
        }
    });

    private static byte[] WriteGraph(OnnxGraph graph) => Message(o =>
    {
        foreach (var node in graph.Nodes)
        {
            Embed(o, GraphNode, WriteNode(node));
        }

        String(o, GraphName, graph.Name);
        foreach (var initializer in graph.Initializers)
        {
            Embed(o, GraphInitializer, WriteTensor(initializer));
        }

        String(o, GraphDocString, graph.DocString);
        foreach (var input in graph.Inputs)
        {
            Embed(o, GraphInput, WriteValueInfo(input));
        }

        foreach (var output in graph.Outputs)
        {
            Embed(o, GraphOutput, WriteValueInfo(output));
        }
    });

    private static byte[] WriteNode(OnnxNode node) => Message(o =>
    {
        foreach (var input in node.Inputs)
        {
            Tag(o, NodeInput, WireFormat.WireType.LengthDelimited);
            o.WriteString(input);
        }

        foreach (var output in node.Outputs)
        {
            String(o, NodeOutput, output);
        }

        String(o, NodeName, node.Name);
        String(o, NodeOpType, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            Embed(o, NodeAttribute, WriteAttribute(attribute));
        }
    });

    private static byte[] WriteAttribute(OnnxAttribute a) => Message(o =>
    {
        String(o, AttrName, a.Name);
        switch (a.Kind)
        {
            case OnnxAttributeKind.Float:
                Tag(o, AttrFloat, WireFormat.WireType.Fixed32);
                o.WriteFloat(a.FloatValue);
                break;
            case OnnxAttributeKind.Int:
                Int64(o, AttrInt, a.IntValue);
                break;
            case OnnxAttributeKind.String:
                Embed(o, AttrString, a.StringValue);
                break;
            case OnnxAttributeKind.Floats:
                foreach (var f in a.FloatsValue)
                {
                    Tag(o, AttrFloats, WireFormat.WireType.Fixed32);
                    o.WriteFloat(f);
                }

                break;
            case OnnxAttributeKind.Ints:
                foreach (var i in a.IntsValue)
                {
                    Int64(o, AttrInts, i);
                }

                break;
            default:
                throw new InvalidOperationException($"attribute '{a.Name}' has an unsupported kind {a.Kind}");
        }

        Int64(o, AttrType, (long)a.Kind);
    });

    private static byte[] WriteTensor(OnnxInitializer t) => Message(o =>
    {
        foreach (var d in t.Dims)
        {
            Int64(o, TensorDims, d);
        }

        Int64(o, TensorDataType, (long)t.ElementType);
        String(o, TensorName, t.Name);
        Embed(o, TensorRawData, t.RawData);
    });

    private static byte[] WriteValueInfo(OnnxValueInfo v) => Message(o =>
    {
        String(o, ValueInfoName, v.Name);
        var shape = Message(s =>
        {
            foreach (var dim in v.Shape)
            {
                Embed(s, ShapeDim, Message(d =>
                {
                    if (dim.Symbol is { } symbol)
                    {
                        String(d, DimParam, symbol);
                    }
                    else
                    {
                        Int64(d, DimValue, dim.Value ?? 0);
                    }
                }));
            }
        });
        var tensorType = Message(t =>
        {
            Int64(t, TensorTypeElemType, (long)v.ElementType);
            Embed(t, TensorTypeShape, shape);
        });
        Embed(o, ValueInfoType, Message(t => Embed(t, TypeTensorType, tensorType)));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    private static void Tag(CodedOutputStream o, int field, WireFormat.WireType type) => o.WriteTag(field, type);

    private static void Embed(CodedOutputStream o, int field, byte[] bytes)
    {
        Tag(o, field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(bytes));
    }

    private static void Int64(CodedOutputStream o, int field, long value)
    {
        Tag(o, field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }

    private static void String(CodedOutputStream o, int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Tag(o, field, WireFormat.WireType.LengthDelimited);
            o.WriteString(value);
        }
    }
}
