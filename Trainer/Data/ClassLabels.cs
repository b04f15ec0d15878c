namespace Trainer.Data;

/// <summary>The four classes the model tells apart, in the order of its output.</summary>
internal static class ClassLabels
{
    public const int Yes = 0;
    public const int No = 1;
    public const int Silence = 2;
    public const int Unknown = 3;

    /// <summary>Labels in output order, as written into the model contract.</summary>
    public static IReadOnlyList<string> All { get; } = ["yes", "no", "_silence_", "_unknown_"];

    /// <summary>The class of a Speech Commands folder name: yes, no, _silence_, everything else unknown.</summary>
    public static int FromFolder(string folder) => folder switch
    {
        "yes" => Yes,
        "no" => No,
        "_silence_" => Silence,
        _ => Unknown,
    };
}
