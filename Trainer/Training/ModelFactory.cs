using Trainer.Engine.Models;

namespace Trainer.Training;

/// <summary>Makes the (unbuilt) network that <see cref="TrainOptions"/> name, for training and for export alike.</summary>
internal static class ModelFactory
{
    /// <summary>The network of <paramref name="options"/> with <paramref name="classes"/> outputs.</summary>
    public static Sequential Create(TrainOptions options, int classes) => options.Architecture switch
    {
        ModelArchitecture.DsCnn => DsCnn.Create(classes, options.Width, options.Blocks, options.Dropout),
        ModelArchitecture.TcResNet => TcResNet.Create(classes, options.FrontEnd.MelBins, options.Width, options.Blocks, options.Dropout),
        ModelArchitecture.MatchboxNet => MatchboxNet.Create(classes, options.FrontEnd.MelBins, options.Width, options.Blocks, options.Repeats, options.Dropout, prologueKernel: options.TimeKernel),
        ModelArchitecture.BcResNet => BcResNet.Create(classes, options.FrontEnd.MelBins, options.Width, options.Dropout),
        ModelArchitecture.MatchboxNetStream => MatchboxNet.Create(classes, options.FrontEnd.MelBins, options.Width, options.Blocks, options.Repeats, options.Dropout, streamable: true, prologueKernel: options.TimeKernel),
        ModelArchitecture.DsCnnStream => DsCnn.Create(classes, options.Width, options.Blocks, options.Dropout, streamable: true),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "unknown architecture"),
    };

    /// <summary>A short name of the network and its size, e.g. "DS-CNN 96x4", "TC-ResNet 36x2", "MatchboxNet 3x1x64".</summary>
    public static string Name(TrainOptions options) => options.Architecture switch
    {
        ModelArchitecture.DsCnn => $"DS-CNN {options.Width}x{options.Blocks}",
        ModelArchitecture.TcResNet => $"TC-ResNet{2 + (6 * options.Blocks)} width {options.Width}",
        ModelArchitecture.MatchboxNet => $"MatchboxNet {options.Blocks}x{options.Repeats}x{options.Width}{Kernels(options)}",
        ModelArchitecture.BcResNet => $"BC-ResNet-{options.Width / 8.0:0.##}",
        ModelArchitecture.MatchboxNetStream => $"MatchboxNet {options.Blocks}x{options.Repeats}x{options.Width}{Kernels(options)} (streamable)",
        ModelArchitecture.DsCnnStream => $"DS-CNN {options.Width}x{options.Blocks} (streamable)",
        _ => options.Architecture.ToString(),
    };

    private static string Kernels(TrainOptions options) => options.TimeKernel == 11 ? "" : $" k{options.TimeKernel}";
}
