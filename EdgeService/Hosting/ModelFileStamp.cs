namespace EdgeService.Hosting;

/// <summary>
/// What tells a model file's versions apart without reading it: the file it resolves to (through symbolic links), its
/// length and its last write time. A missing file (or a link to nothing) has <see cref="Exists"/> false. Replacing
/// the file (a copy over it, a new file renamed into place, the link pointed at another file, or the file a link
/// points at rewritten) changes the stamp.
/// </summary>
/// <param name="Exists">Whether the file exists.</param>
/// <param name="ResolvedPath">The file the path leads to, links followed (empty when missing).</param>
/// <param name="Length">Its length in bytes (0 when missing).</param>
/// <param name="LastWriteUtc">Its last write time (default when missing).</param>
internal readonly record struct ModelFileStamp(bool Exists, string ResolvedPath, long Length, DateTime LastWriteUtc)
{
    /// <summary>The stamp of <paramref name="path"/> now.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>Its stamp; a missing or unreadable file gives a stamp with <see cref="Exists"/> false.</returns>
    public static ModelFileStamp Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var file = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            return file is { Exists: true } ? new ModelFileStamp(true, file.FullName, file.Length, file.LastWriteTimeUtc) : default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
