using Trainer.Data;

namespace Trainer.Cli;

/// <summary>The <c>--split</c> value of the commands that only take held-out speakers (evaluate-stream, soak).</summary>
internal static class HeldOutSplit
{
    /// <summary><c>test</c> or <c>validation</c>; anything else is an error naming the option and the value.</summary>
    public static DataSplit Parse(string value) => value switch
    {
        "test" => DataSplit.Test,
        "validation" => DataSplit.Validation,
        _ => throw new ArgumentException($"--split is '{value}'; use test or validation (held-out speakers)"),
    };
}
