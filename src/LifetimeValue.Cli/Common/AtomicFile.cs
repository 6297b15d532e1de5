namespace LifetimeValue.Cli.Common;

/// <summary>
/// Writes a file under a temporary name in the same folder and moves it into place, so readers never see a half-written
/// file, failures leave nothing behind, and an existing file at the path stays intact unless the write succeeds.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, which gets the temporary file's path.</summary>
    /// <exception cref="CliException">The folder cannot be created or written, or the path is a folder (exit code 2, the path named).</exception>
    public static void Write(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw CliException.Invalid($"cannot write '{path}': it is a folder; give a file name.");
        }

        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Invalid($"cannot write '{path}': {Messages.Clean(e)}", e);
        }
        finally
        {
            try
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The temporary file could not be removed (the folder turned read-only): the target is untouched either way.
            }
        }
    }

    /// <summary>Refuses, before any work, a folder option (<c>--charts</c>) that names a file.</summary>
    /// <exception cref="CliException">The path is an existing file (exit code 2).</exception>
    public static void CheckFolder(string? folder, string option)
    {
        if (folder is not null && File.Exists(folder))
        {
            throw CliException.Invalid($"cannot write to '{folder}': it is a file, and {option} takes a folder.");
        }
    }

    /// <summary>Runs <paramref name="write"/>, which writes files into <paramref name="folder"/>; I/O errors become a message naming the folder.</summary>
    /// <exception cref="CliException">The folder cannot be created or written (exit code 2).</exception>
    public static T IntoFolder<T>(string folder, string option, Func<T> write)
    {
        CheckFolder(folder, option);
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Invalid($"cannot write {option} to '{folder}': {Messages.Clean(e)}", e);
        }
    }
}
