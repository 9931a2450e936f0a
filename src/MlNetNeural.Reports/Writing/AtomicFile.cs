namespace MlNetNeural.Reports.Writing;

/// <summary>Writes a file through a temporary file in the same directory, then moves it into place, so readers never see half a file.</summary>
internal static class AtomicFile
{
    public static void WriteText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false)));

    public static void WriteBytes(string path, byte[] bytes) => Write(path, temp => File.WriteAllBytes(temp, bytes));

    private static void Write(string path, Action<string> writeTemp)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no directory part; pass a file path.", nameof(path));
        if (Directory.Exists(fullPath))
            throw new ArgumentException($"'{fullPath}' is a directory; pass a file path.", nameof(path));
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
