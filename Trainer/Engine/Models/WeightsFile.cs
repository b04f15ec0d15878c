using System.Runtime.InteropServices;
using System.Text;

namespace Trainer.Engine.Models;

/// <summary>
/// The binary weights file of a <see cref="Sequential"/> model: "KWSW", format version (int32), entry count (int32),
/// then per entry its name (length-prefixed UTF-8), float count (int32) and the floats (little-endian): parameters
/// first, then state buffers (batch norm running statistics), in the model's order.
/// </summary>
internal static class WeightsFile
{
    private const int Version = 1;
    private static readonly byte[] Magic = "KWSW"u8.ToArray();

    /// <summary>Writes <paramref name="model"/>'s weights to <paramref name="path"/>.</summary>
    public static void Save(Sequential model, string path)
    {
        using var stream = File.Create(path);
        Save(model, stream);
    }

    /// <summary>Writes <paramref name="model"/>'s weights to <paramref name="stream"/>.</summary>
    public static void Save(Sequential model, Stream stream)
    {
        var entries = Entries(model);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(entries.Count);
        foreach (var (name, data) in entries)
        {
            w.Write(name);
            w.Write(data.Length);
            w.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        }
    }

    /// <summary>Reads weights for <paramref name="model"/> from <paramref name="path"/>.</summary>
    public static void Load(Sequential model, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"weights file {path} does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        try
        {
            Load(model, stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads weights for <paramref name="model"/> from <paramref name="stream"/>; the architecture must match.</summary>
    public static void Load(Sequential model, Stream stream)
    {
        var entries = Entries(model);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("not a weights file (the KWSW signature is missing).");
            }

            var version = r.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"weights format version {version} is not supported (expected {Version}).");
            }

            var count = r.ReadInt32();
            if (count != entries.Count)
            {
                throw new InvalidDataException($"the file has {count} arrays but the model has {entries.Count}: a different architecture.");
            }

            var staged = new float[count][];
            for (var i = 0; i < count; i++)
            {
                var (name, data) = entries[i];
                var fileName = r.ReadString();
                var length = r.ReadInt32();
                if (fileName != name || length != data.Length)
                {
                    throw new InvalidDataException($"array {i} is {fileName}[{length}] in the file but {name}[{data.Length}] in the model.");
                }

                staged[i] = new float[length];
                var bytes = MemoryMarshal.AsBytes(staged[i].AsSpan());
                if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
                {
                    throw new InvalidDataException($"the file ends inside array {name}.");
                }
            }

            for (var i = 0; i < count; i++)
            {
                staged[i].CopyTo(entries[i].Data, 0);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the weights file is truncated.", e);
        }
    }

    private static List<(string Name, float[] Data)> Entries(Sequential model)
    {
        if (model.MaxBatch == 0)
        {
            throw new InvalidOperationException("weights: build the model before saving or loading its weights.");
        }

        var list = model.Parameters.Select(p => (p.Name, p.Value)).ToList();
        list.AddRange(model.Buffers.Select(b => (b.Name, b.Data)));
        return list;
    }
}
