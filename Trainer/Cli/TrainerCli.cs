using System.CommandLine;

namespace Trainer.Cli;

/// <summary>The kws-trainer command line: train, evaluate, export, each with --help.</summary>
internal static class TrainerCli
{
    /// <summary>Parses and runs; returns the exit code (0 success, 1 failure, 2 bad input).</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("kws-trainer: trains the yes/no keyword CNN on Speech Commands-style recordings and exports it as ONNX.")
        {
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            ExportCommand.Create(),
            EvaluateStreamCommand.Create(),
            EvaluateSpeechCommand.Create(),
            CompareStreamsCommand.Create(),
            EnsembleCommand.Create(),
            SoakCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
