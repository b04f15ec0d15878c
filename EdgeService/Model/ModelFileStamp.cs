namespace EdgeService.Model;

/// <summary>
/// What tells a model file's versions apart without reading it: its length and last write time. A missing file has
/// <see cref="Exists"/> false. Replacing the file (a copy over it, or a new file renamed into place) changes the stamp.
/// </summary>
/// <param name="Exists">Whether the file exists.</param>
/// <param name="Length">Its length in bytes (0 when missing).</param>
/// <param name="LastWriteUtc">Its last write time (default when missing).</param>
internal readonly record struct ModelFileStamp(bool Exists, long Length, DateTime LastWriteUtc)
{
    /// <summary>The stamp of <paramref name="path"/> now.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>Its stamp; a missing or unreadable file gives a stamp with <see cref="Exists"/> false.</returns>
    public static ModelFileStamp Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new ModelFileStamp(true, info.Length, info.LastWriteTimeUtc) : default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
