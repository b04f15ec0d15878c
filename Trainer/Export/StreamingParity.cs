using Kws.Onnx.Inference;

namespace Trainer.Export;

/// <summary>
/// Checks a streaming file against the whole-window file of the same networks, both run by ONNX Runtime: a stream of
/// pseudo-random normalised features (about normal, as the service's are) is fed hop by hop, 5 new frames a hop with a
/// longer step now and then (as after a closed gate) and a restart; at every hop both must give the same probabilities.
/// </summary>
internal static class StreamingParity
{
    /// <summary>The largest probability difference over the stream.</summary>
    public static double LargestDifference(string streamingPath, string windowPath, int hops = 200, int seed = 1)
    {
        using var streaming = KeywordClassifier.Open(streamingPath, new Kws.Onnx.Runtime.OnnxSessionOptions { IntraOpThreads = 1 });
        using var window = KeywordClassifier.Open(windowPath, new Kws.Onnx.Runtime.OnnxSessionOptions { IntraOpThreads = 1 });
        if (!streaming.IsStreaming || window.IsStreaming)
        {
            throw new ArgumentException($"{streamingPath} must be a streaming model and {windowPath} a whole-window one");
        }

        streaming.PrepareStep(5);
        var frames = window.Contract.Frames;
        var mels = window.Contract.FrontEnd.MelBins;
        var rng = new Random(seed);
        var total = frames + (hops * 8);
        var features = new float[total * mels];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)(rng.NextDouble() + rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 2) * 1.7320508f;
        }

        var worst = 0.0;
        var end = frames;
        for (var hop = 0; hop < hops; hop++)
        {
            // 5 new frames a hop; 8 now and then (the gate was closed for a little while); a restart every 50 hops.
            var advance = hop == 0 ? 0 : hop % 17 == 0 ? 8 : 5;
            var told = hop % 50 == 0 ? int.MaxValue : advance;
            end += advance;
            var slice = features.AsSpan((end - frames) * mels, frames * mels);
            slice.CopyTo(window.Input);
            window.Run();
            slice.CopyTo(streaming.Input);
            streaming.Run(told);
            for (var k = 0; k < window.Scores.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(window.Scores[k] - streaming.Scores[k]));
            }
        }

        return worst;
    }
}
