using System.CommandLine;
using Trainer.Augment;
using Trainer.Training;

namespace Trainer.Cli;

/// <summary><c>kws-trainer train</c>: data, training, export, parity check, report.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Speech Commands-layout folder (repeatable), or a folder holding the shared data's layout folders (speech_commands/, mini_speech_commands/, more_words/: every one there is read)", Required = true, AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out") { Description = "Folder for model.onnx, model.weights, report.json, report.html", Required = true };
        var noise = new Option<string?>("--noise") { Description = "Background-noise folder (default: _background_noise_ in or beside --data)" };
        var extra = new Option<string[]>("--extra") { Description = "Extra Speech Commands-layout folder for training only (repeatable), e.g. synthetic speech", AllowMultipleArgumentsPerToken = false };
        var negatives = new Option<string[]>("--negatives") { Description = "Folder of negative recordings (repeatable); clips over 1 s are cut to their loudest second" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data", DefaultValueFactory = _ => new TrainOptions().Epochs };
        var batch = new Option<int>("--batch") { Description = "Examples per step", DefaultValueFactory = _ => new TrainOptions().BatchSize };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => new TrainOptions().LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, shuffles and augmentation", DefaultValueFactory = _ => new TrainOptions().Seed };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var arch = new Option<string>("--arch") { Description = "Network: dscnn, tcresnet, matchboxnet, bcresnet, or the streamable matchboxnet-stream and dscnn-stream", DefaultValueFactory = _ => "dscnn" };
        var width = new Option<int>("--width") { Description = "Channels (dscnn: every block; tcresnet: the first stage, 24 = the paper's width 1; matchboxnet: C; bcresnet: the first stage, 8c, 16 = BC-ResNet-2)", DefaultValueFactory = _ => new TrainOptions().Width };
        var blocks = new Option<int>("--blocks") { Description = "Blocks (dscnn: depthwise-separable blocks; tcresnet: per stage, 1 = TC-ResNet8, 2 = TC-ResNet14; matchboxnet: B)", DefaultValueFactory = _ => new TrainOptions().Blocks };
        var timeKernel = new Option<int>("--time-kernel") { Description = "matchboxnet: the prologue's kernel along time (11 as in the paper; the blocks' kernels are 2, 4, 6 longer, the epilogue's 2K + 7)", DefaultValueFactory = _ => new TrainOptions().TimeKernel };
        var repeats = new Option<int>("--repeats") { Description = "matchboxnet: separable sub-blocks per block (R)", DefaultValueFactory = _ => new TrainOptions().Repeats };
        var unknownShare = new Option<double>("--unknown-share") { Description = "Unknown examples per epoch, as a multiple of a keyword class", DefaultValueFactory = _ => new TrainOptions().UnknownShare };
        var silenceShare = new Option<double>("--silence-share") { Description = "Silence examples per epoch, as a multiple of a keyword class", DefaultValueFactory = _ => new TrainOptions().SilenceShare };
        var specAugment = new Option<bool>("--spec-augment") { Description = "Add SpecAugment masks (2 time, 2 frequency)" };
        var speed = new Option<double>("--speed-percent") { Description = "Speed perturbation: play clips up to this many percent faster or slower (0 = off)", DefaultValueFactory = _ => new AugmentOptions().SpeedPercent };
        var gain = new Option<double>("--gain-db") { Description = "Random gain up to this many dB either way on every example (0 = off)", DefaultValueFactory = _ => new AugmentOptions().GainDb };
        var partial = new Option<double>("--partial-words") { Description = "Percent of unknown examples cut to the beginning or end of their word (partial words must not fire; 0 = off)", DefaultValueFactory = _ => new AugmentOptions().PartialWordPercent };
        var runTogether = new Option<double>("--run-together") { Description = "Percent of unknown examples made of two other words run together, the window over the join (must not fire; 0 = off)", DefaultValueFactory = _ => 0 };
        var keywordContext = new Option<double>("--keyword-context") { Description = "Percent of keyword examples with another word run together before or after the (whole) keyword (0 = off)", DefaultValueFactory = _ => 0 };
        var realRepeat = new Option<int>("--real-keyword-repeat") { Description = "Times per epoch each yes/no clip of --data (not of --extra folders) is drawn, with fresh augmentation each time", DefaultValueFactory = _ => new TrainOptions().RealKeywordRepeat };
        var wordClasses = new Option<bool>("--word-classes") { Description = "Train each named negative word (down, go, ..., each --negatives folder) as a class of its own; the model still outputs yes, no, _silence_, _unknown_" };
        var keepLast = new Option<bool>("--keep-last") { Description = "Keep the last epoch's weights (default: the epoch with the lowest validation loss)" };
        var noAugment = new Option<bool>("--no-augment") { Description = "Train without waveform augmentation" };
        var holdOutNoise = new Option<bool>("--hold-out-noise") { Description = "Hold the background noise out by time (the first 70% of each recording trains; validation and test silence is cut from the rest, not taken from _silence_)" };

        var command = new Command("train", "Train the keyword CNN, export it as ONNX with the model contract, check it in ONNX Runtime, and write a report.")
        {
            data, output, noise, extra, negatives, epochs, batch, lr, seed, threads, arch, width, blocks, repeats, timeKernel, unknownShare, silenceShare, specAugment, speed, gain, partial, runTogether, keywordContext, realRepeat, wordClasses, keepLast, noAugment, holdOutNoise,
        };
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var speedPercent = parse.GetValue(speed);
            if (speedPercent is < 0 or >= 50)
            {
                throw new ArgumentException($"--speed-percent must be at least 0 and below 50, got {speedPercent}");
            }

            var gainDb = parse.GetValue(gain);
            if (!double.IsFinite(gainDb) || gainDb is < 0 or > 40)
            {
                throw new ArgumentException($"--gain-db must be from 0 to 40 dB, got {gainDb}");
            }

            var partialPercent = parse.GetValue(partial);
            if (partialPercent is < 0 or > 100)
            {
                throw new ArgumentException($"--partial-words is a percentage from 0 to 100, got {partialPercent}");
            }

            var together = Percent(parse.GetValue(runTogether), "--run-together");
            var context = Percent(parse.GetValue(keywordContext), "--keyword-context");
            var augment = parse.GetValue(noAugment)
                ? AugmentOptions.None
                : new AugmentOptions { SpeedPercent = speedPercent, GainDb = gainDb, PartialWordPercent = partialPercent, RunTogetherPercent = together, KeywordContextPercent = context };
            if (parse.GetValue(specAugment))
            {
                augment = augment with { TimeMasks = 2, FrequencyMasks = 2 };
            }

            var options = new TrainOptions
            {
                Epochs = Positive(parse.GetValue(epochs), "--epochs"),
                BatchSize = Positive(parse.GetValue(batch), "--batch"),
                LearningRate = (float)PositiveFinite(parse.GetValue(lr), "--lr"),
                Seed = parse.GetValue(seed),
                Threads = NotNegative(parse.GetValue(threads), "--threads"),
                Architecture = ParseArchitecture(parse.GetValue(arch)!),
                Width = Positive(parse.GetValue(width), "--width"),
                Blocks = Positive(parse.GetValue(blocks), "--blocks"),
                Repeats = Positive(parse.GetValue(repeats), "--repeats"),
                TimeKernel = Positive(parse.GetValue(timeKernel), "--time-kernel"),
                UnknownShare = NotNegativeFinite(parse.GetValue(unknownShare), "--unknown-share"),
                SilenceShare = NotNegativeFinite(parse.GetValue(silenceShare), "--silence-share"),
                RealKeywordRepeat = Positive(parse.GetValue(realRepeat), "--real-keyword-repeat"),
                Augment = augment,
                KeepLastEpoch = parse.GetValue(keepLast),
                HoldOutNoise = parse.GetValue(holdOutNoise),
            };
            var job = new TrainJob(
                parse.GetValue(data) ?? [],
                parse.GetValue(noise),
                parse.GetValue(extra) ?? [],
                parse.GetValue(negatives) ?? [],
                parse.GetValue(output)!,
                options,
                parse.GetValue(wordClasses));
            return job.Run();
        }));
        return command;
    }

    private static ModelArchitecture ParseArchitecture(string value) => value.ToLowerInvariant() switch
    {
        "dscnn" => ModelArchitecture.DsCnn,
        "tcresnet" => ModelArchitecture.TcResNet,
        "matchboxnet" => ModelArchitecture.MatchboxNet,
        "bcresnet" => ModelArchitecture.BcResNet,
        "matchboxnet-stream" => ModelArchitecture.MatchboxNetStream,
        "dscnn-stream" => ModelArchitecture.DsCnnStream,
        _ => throw new ArgumentException($"--arch is '{value}'; use dscnn, tcresnet, matchboxnet, bcresnet, matchboxnet-stream or dscnn-stream"),
    };

    private static double Percent(double value, string name) =>
        value is >= 0 and <= 100 ? value : throw new ArgumentException($"{name} is a percentage from 0 to 100, got {value}");

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be a positive number, got {value}");

    private static int NotNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentException($"{name} must be 0 (all cores) or more, got {value}");

    private static double PositiveFinite(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentException($"{name} must be a positive number, got {value}");

    private static double NotNegativeFinite(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentException($"{name} must be 0 or more, got {value}");
}
