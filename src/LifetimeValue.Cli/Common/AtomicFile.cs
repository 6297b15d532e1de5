namespace LifetimeValue.Cli.Common;

/// <summary>Writes a file under a temporary name in the same folder and moves it into place, so readers never see a half-written file and failures leave nothing behind.</summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
