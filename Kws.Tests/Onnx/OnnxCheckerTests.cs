using TestSupport;
using System.Diagnostics;
using System.Text.Json;
using Kws.Onnx.Format;

namespace Kws.Tests.Onnx;

/// <summary>Debian's python3-onnx (the reference implementation of the format) accepts and reads back what the writer writes.</summary>
public class OnnxCheckerTests
{
    private const string Python = "/usr/bin/python3";

    private const string CheckScript =
        "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)";

    private const string DumpScript = """
        import json, sys, onnx
        from onnx import numpy_helper
        m = onnx.load(sys.argv[1])
        def vi(v):
            t = v.type.tensor_type
            return {"name": v.name, "elem": t.elem_type,
                    "dims": [d.dim_param if d.HasField("dim_param") else d.dim_value for d in t.shape.dim]}
        def attr(a):
            v = onnx.helper.get_attribute_value(a)
            if isinstance(v, bytes): v = v.decode()
            if isinstance(v, list): v = list(v)
            return {"name": a.name, "type": a.type, "value": v}
        print(json.dumps({
            "ir": m.ir_version, "producer": m.producer_name, "producer_version": m.producer_version,
            "model_version": m.model_version, "doc": m.doc_string, "domain": m.domain,
            "opset": [[o.domain, o.version] for o in m.opset_import],
            "meta": {p.key: p.value for p in m.metadata_props},
            "graph": m.graph.name, "graph_doc": m.graph.doc_string,
            "inputs": [vi(v) for v in m.graph.input], "outputs": [vi(v) for v in m.graph.output],
            "inits": [{"name": t.name, "type": t.data_type, "dims": list(t.dims),
                       "values": numpy_helper.to_array(t).flatten().tolist()} for t in m.graph.initializer],
            "nodes": [{"op": n.op_type, "name": n.name, "in": list(n.input), "out": list(n.output),
                       "attrs": [attr(a) for a in n.attribute]} for n in m.graph.node],
        }, separators=(",", ":")))
        """;

    [Fact]
    public void CheckerAcceptsTheSmallCnn() => AssertAccepted(new SmallCnn(seed: 1).Build(), "cnn.onnx");

    [Fact]
    public void CheckerAcceptsTheReshapeMatMulModel() => AssertAccepted(new ReshapeMatMul(seed: 1).Build(), "reshape.onnx");

    [Fact]
    public void CheckerRejectsAModelWithAnUnknownOperator()
    {
        var g = new OnnxGraph("broken");
        g.AddInput("x", OnnxElementType.Float, "N", 4);
        g.AddNode("NoSuchOp", ["x"], ["y"]);
        g.AddOutput("y", OnnxElementType.Float, "N", 4);
        var (exitCode, output) = RunPython(CheckScript, Save(new OnnxModel(g), "broken.onnx"));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("NoSuchOp", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckerRejectsAModelWhoseNodeReadsAnUndefinedValue()
    {
        // The builder refuses this, so build a good model and rename the Relu's input in the written bytes.
        var g = new OnnxGraph("broken");
        g.AddInput("x", OnnxElementType.Float, "N", 4);
        g.Relu("y", "x");
        g.AddOutput("y", OnnxElementType.Float, "N", 4);
        var bytes = new OnnxModel(g).ToBytes();
        var relu = System.Text.Encoding.ASCII.GetBytes("Relu");
        var at = bytes.AsSpan().IndexOf(new byte[] { 0x0A, 0x01, (byte)'x', 0x12 }); // NodeProto: input "x", then output
        Assert.True(at >= 0 && bytes.AsSpan().IndexOf(relu) > at, "the node's input was not where the test expects it");
        bytes[at + 2] = (byte)'q';
        var path = Path.Combine(TestSupport.TestPaths.NewTempDir("kws-onnx"), "undefined.onnx");
        File.WriteAllBytes(path, bytes);
        var (exitCode, output) = RunPython(CheckScript, path);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("input 'q'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OnnxReadsBackEveryFieldTheWriterWrote()
    {
        var cnn = new SmallCnn(seed: 2);
        var model = cnn.Build();
        model.Domain = "org.example.kws";
        model.Metadata["labels"] = "yes,no,_unknown_";
        model.Metadata["sample_rate"] = "16000";
        var (exitCode, output) = RunPython(DumpScript, Save(model, "dump.onnx"));
        Assert.True(exitCode == 0, output);
        var root = JsonDocument.Parse(output).RootElement;

        Assert.Equal(8, root.GetProperty("ir").GetInt64());
        Assert.Equal("kws-test", root.GetProperty("producer").GetString());
        Assert.Equal("0.1", root.GetProperty("producer_version").GetString());
        Assert.Equal(7, root.GetProperty("model_version").GetInt64());
        Assert.Equal("a small CNN", root.GetProperty("doc").GetString());
        Assert.Equal("org.example.kws", root.GetProperty("domain").GetString());
        Assert.Equal("[[\"\",17]]", root.GetProperty("opset").GetRawText());
        Assert.Equal("yes,no,_unknown_", root.GetProperty("meta").GetProperty("labels").GetString());
        Assert.Equal("16000", root.GetProperty("meta").GetProperty("sample_rate").GetString());
        Assert.Equal("small_cnn", root.GetProperty("graph").GetString());
        Assert.Equal("test CNN", root.GetProperty("graph_doc").GetString());

        var input = root.GetProperty("inputs")[0];
        Assert.Equal("x", input.GetProperty("name").GetString());
        Assert.Equal(1, input.GetProperty("elem").GetInt32());
        Assert.Equal("[\"N\",1,98,40]", input.GetProperty("dims").GetRawText());
        Assert.Equal("[\"prob\",\"logits\"]",
            JsonSerializer.Serialize(root.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString())));

        var w1 = root.GetProperty("inits").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "w1");
        Assert.Equal(1, w1.GetProperty("type").GetInt32());
        Assert.Equal("[4,1,3,3]", w1.GetProperty("dims").GetRawText());
        Assert.Equal(cnn.W1, w1.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray());

        var nodes = root.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(
            ["Conv", "BatchNormalization", "Relu", "MaxPool", "Conv", "Relu", "AveragePool", "GlobalAveragePool", "Flatten", "Gemm", "Softmax"],
            nodes.Select(n => n.GetProperty("op").GetString()));
        var dw = nodes[4];
        Assert.Equal("[\"pool1\",\"w2\",\"b2\"]", dw.GetProperty("in").GetRawText());
        Assert.Equal(
            "[{\"name\":\"strides\",\"type\":7,\"value\":[2,2]},{\"name\":\"pads\",\"type\":7,\"value\":[2,2,2,2]},"
            + "{\"name\":\"dilations\",\"type\":7,\"value\":[2,2]},{\"name\":\"group\",\"type\":2,\"value\":4}]",
            dw.GetProperty("attrs").GetRawText());
        var bn = nodes[1].GetProperty("attrs")[0];
        Assert.Equal(1, bn.GetProperty("type").GetInt32());
        Assert.Equal(1e-3f, bn.GetProperty("value").GetSingle());
    }

    [Fact]
    public void OnnxReadsBackStringAndFloatListAttributesAndInt64Initializers()
    {
        var g = new OnnxGraph("attrs");
        g.AddInput("x", OnnxElementType.Float, 2, 6);
        var y = g.Reshape("y", "x", 3, 4);
        g.AddNode("Identity", [y], ["z"], OnnxAttribute.String("note", "héllo"), OnnxAttribute.Floats("scales", 0.5f, -2f));
        g.AddOutput("z", OnnxElementType.Float, 3, 4);
        var (exitCode, output) = RunPython(DumpScript, Save(new OnnxModel(g), "attrs.onnx"));
        Assert.True(exitCode == 0, output);
        var root = JsonDocument.Parse(output).RootElement;
        var shape = root.GetProperty("inits")[0];
        Assert.Equal("y_shape", shape.GetProperty("name").GetString());
        Assert.Equal(7, shape.GetProperty("type").GetInt32());
        Assert.Equal("[3,4]", shape.GetProperty("values").GetRawText());
        var attrs = root.GetProperty("nodes")[1].GetProperty("attrs");
        Assert.Equal("note", attrs[0].GetProperty("name").GetString());
        Assert.Equal(3, attrs[0].GetProperty("type").GetInt32());
        Assert.Equal("héllo", attrs[0].GetProperty("value").GetString());
        Assert.Equal("{\"name\":\"scales\",\"type\":6,\"value\":[0.5,-2.0]}", attrs[1].GetRawText());
    }

    private static void AssertAccepted(OnnxModel model, string fileName)
    {
        var (exitCode, output) = RunPython(CheckScript, Save(model, fileName));
        Assert.True(exitCode == 0, $"onnx.checker rejected {fileName}: {output}");
    }

    private static string Save(OnnxModel model, string fileName)
    {
        var path = Path.Combine(TestSupport.TestPaths.NewTempDir("kws-onnx"), fileName);
        model.Save(path);
        return path;
    }

    private static (int ExitCode, string Output) RunPython(string script, string modelPath)
    {
        RequireOnnxModule();
        return Run(script, modelPath);
    }

    private static void RequireOnnxModule()
    {
        var (exitCode, output) = File.Exists(Python) ? Run("import onnx", null) : (-1, $"{Python} does not exist");
        Assert.True(exitCode == 0,
            $"{Python} cannot import onnx ({output.Trim()}): install Debian's python3-onnx (scripts/install-deps.sh installs it)");
    }

    private static (int ExitCode, string Output) Run(string script, string? argument)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        if (argument is not null)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
