using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Trainer.Data;

/// <summary>
/// Assigns a speaker to train, validation or test by hashing the speaker id (like the Speech Commands dataset's own
/// <c>which_set</c>: a hash modulo 2^27, as a percentage), so no speaker is in two splits and a speaker keeps its
/// split when data is added. The hash is salted: the shared data is itself one slice of the dataset's own hash
/// range (its test split), so the dataset's unsalted hash would put every speaker into one split here.
/// </summary>
internal sealed partial class SpeakerSplitter(double validationPercent, double testPercent)
{
    private const long MaxPerClass = (1L << 27) - 1;
    private const string Salt = "kws-split:";

    /// <summary>The speaker id in a Speech Commands file name (<c>[word_]HASH_nohash_N.wav</c>), else the file name.</summary>
    public static string SpeakerOf(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var match = SpeakerPattern().Match(name);
        return match.Success ? match.Groups[1].Value : name;
    }

    /// <summary>The split of <paramref name="speaker"/>.</summary>
    public DataSplit SplitOf(string speaker)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Salt + speaker));
        var value = 0L;
        for (var i = digest.Length - 4; i < digest.Length; i++)
        {
            value = (value << 8) | digest[i];
        }

        // The hash is a big-endian number; modulo 2^27 it is its low 27 bits, so its last four bytes are enough.
        var percent = (value % (MaxPerClass + 1)) * (100.0 / MaxPerClass);
        return percent < validationPercent ? DataSplit.Validation
            : percent < validationPercent + testPercent ? DataSplit.Test
            : DataSplit.Train;
    }

    [GeneratedRegex("([0-9a-f]{8})_nohash_", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerPattern();
}
