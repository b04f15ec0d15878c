using Trainer.Engine;
using Trainer.Engine.Layers;
using Trainer.Engine.Models;
using TestSupport;

namespace Trainer.Tests.Engine;

public class WeightsFileTests
{
    private static Sequential Model(int width = 4)
    {
        var m = new Sequential(new Conv2d(1, width, 3, padding: 1, bias: false), new BatchNorm2d(width), new ReLU(), new GlobalAvgPool(), new Linear(width, 3));
        m.Build(new SampleShape(1, 6, 5), 4, 2);
        return m;
    }

    [Fact]
    public void RoundTripRestoresWeightsRunningStatsAndPredictions()
    {
        var dir = TestPaths.NewTempDir("kws-weights");
        try
        {
            var a = Model();
            a.InitializeWeights(3);
            var rng = new Rng(1);
            var x = new Tensor(4, a.InputShape);
            for (var i = 0; i < x.Length; i++)
            {
                x.Data[i] = rng.NextGaussian();
            }

            a.Forward(x); // training mode: moves the running statistics away from 0 / 1
            var bn = (BatchNorm2d)a.Layers[1];
            Assert.NotEqual(0f, bn.RunningMean[0]);

            var path = Path.Combine(dir, "w.bin");
            a.Save(path);
            var b = Model();
            b.Load(path);

            Assert.Equal(a.Parameters.Select(p => p.Name), b.Parameters.Select(p => p.Name));
            Assert.Equal(a.Parameters.SelectMany(p => p.Value), b.Parameters.SelectMany(p => p.Value));
            Assert.Equal(a.Buffers.SelectMany(p => p.Data), b.Buffers.SelectMany(p => p.Data));
            var la = new float[3];
            var lb = new float[3];
            a.Predict(x.Example(1), la);
            b.Predict(x.Example(1), lb);
            Assert.Equal(la, lb);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void LoadRejectsADifferentArchitectureAndTruncatedFiles()
    {
        var a = Model(4);
        a.InitializeWeights(1);
        using var stream = new MemoryStream();
        WeightsFile.Save(a, stream);

        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(Model(5), stream));
        Assert.Contains("0.conv.weight", e.Message);

        var cut = new MemoryStream(stream.ToArray()[..(int)(stream.Length - 10)]);
        var c = Model(4);
        Assert.Throws<InvalidDataException>(() => WeightsFile.Load(c, cut));
        Assert.All(c.Parameters[0].Value, v => Assert.Equal(0f, v)); // nothing half-loaded

        Assert.Throws<InvalidDataException>(() => WeightsFile.Load(Model(4), new MemoryStream("nope, not weights"u8.ToArray())));
    }
}
