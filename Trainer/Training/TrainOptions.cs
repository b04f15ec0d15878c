using Kws.Audio.Features;
using Trainer.Augment;

namespace Trainer.Training;

/// <summary>Everything that decides a training run. The same options and seed give the same model on the same machine.</summary>
internal sealed record TrainOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Examples per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Peak learning rate (AdamW), reached after the warm-up and decayed by a cosine to zero.</summary>
    public float LearningRate { get; init; } = 3e-3f;

    /// <summary>Decoupled weight decay of AdamW (not applied to batch norm and biases).</summary>
    public float WeightDecay { get; init; } = 1e-2f;

    /// <summary>Warm-up length in epochs.</summary>
    public double WarmupEpochs { get; init; } = 2;

    /// <summary>Seed of the initial weights, the shuffles, the augmentation and the draws of negatives.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Worker threads; 0 = every core.</summary>
    public int Threads { get; init; }

    /// <summary>The threads a run uses: <see cref="Threads"/>, or every core for 0.</summary>
    public int ThreadsUsed() => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Unknown examples per epoch, as a multiple of the mean keyword class size.</summary>
    public double UnknownShare { get; init; } = 3.0;

    /// <summary>
    /// How many times per epoch each yes/no clip of the main data set (not of an extra folder such as synthetic speech)
    /// is drawn, each time with fresh augmentation. Synthetic speakers outnumber the real ones about five to one; this
    /// gives real voices more weight. 1 = once, like every other keyword clip.
    /// </summary>
    public int RealKeywordRepeat { get; init; } = 1;

    /// <summary>
    /// Named negative words trained as classes of their own (see <see cref="Training.WordClasses"/>); empty = the four
    /// output classes only. Set from the data by <c>train --word-classes</c> and kept in the checkpoint.
    /// </summary>
    public IReadOnlyList<string> WordClasses { get; init; } = [];

    /// <summary>Silence examples per epoch, as a multiple of the mean keyword class size.</summary>
    public double SilenceShare { get; init; } = 0.75;

    /// <summary>The network (see <see cref="ModelFactory"/>).</summary>
    public ModelArchitecture Architecture { get; init; } = ModelArchitecture.DsCnn;

    /// <summary>
    /// Channels: of every DS-CNN block; of TC-ResNet's first stage (the later stages have 4/3 and 2 times it); of
    /// MatchboxNet's blocks (C).
    /// </summary>
    public int Width { get; init; } = 64;

    /// <summary>DS-CNN: depthwise-separable blocks; TC-ResNet: blocks per stage (1: TC-ResNet8, 2: TC-ResNet14); MatchboxNet: residual blocks (B).</summary>
    public int Blocks { get; init; } = 4;

    /// <summary>MatchboxNet: separable sub-blocks per residual block (R); unused by the others.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>
    /// MatchboxNet: the prologue's kernel along time (the paper's 11); the blocks' kernels are 2, 4, 6, … frames
    /// longer and the epilogue's 2K + 7 (29 for 11). Unused by the others.
    /// </summary>
    public int TimeKernel { get; init; } = 11;

    /// <summary>Dropout rate before the classifier.</summary>
    public float Dropout { get; init; } = 0.2f;

    /// <summary>Label smoothing of the cross-entropy loss.</summary>
    public float LabelSmoothing { get; init; } = 0.05f;

    /// <summary>Share of speakers held out for validation, in percent.</summary>
    public double ValidationPercent { get; init; } = 15;

    /// <summary>Share of speakers held out for the test, in percent.</summary>
    public double TestPercent { get; init; } = 15;

    /// <summary>The front end (written into the model).</summary>
    public LogMelOptions FrontEnd { get; init; } = new();

    /// <summary>Frames per model input (1 s at the default front end).</summary>
    public int Frames { get; init; } = 98;

    /// <summary>
    /// Keep the weights of the last epoch (the learning rate has decayed to near zero there) instead of those of the epoch
    /// with the lowest validation loss. With hard negatives in training, the validation loss on whole clips can bottom
    /// out early, while the later epochs are the better model.
    /// </summary>
    public bool KeepLastEpoch { get; init; }

    /// <summary>
    /// Hold the background noise out by time as the speakers are by hash (<see cref="Data.HeldOutNoise"/>): training
    /// mixes only the first part of each recording, and the data set's silence clips (cut from the same recordings)
    /// give way to silence cut from the held-out parts.
    /// </summary>
    public bool HoldOutNoise { get; init; }

    /// <summary>Augmentation of the training examples.</summary>
    public AugmentOptions Augment { get; init; } = new();

    /// <summary>The model's one-line description (its ONNX doc string), given its parameter count.</summary>
    public string DescribeModel(int parameters) =>
        $"{ModelFactory.Name(this)}, {parameters} parameters, seed {Seed}, trained by kws-trainer";

    /// <summary>Samples per example: exactly what <see cref="Frames"/> frames span.</summary>
    public int ClipSamples => FrontEnd.WindowSamples + ((Frames - 1) * FrontEnd.HopSamples);
}
