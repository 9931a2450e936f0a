namespace MlNetNeural.Cli.Output;

/// <summary>
/// Checks where a command will write before it does any work, so that a path it cannot use is reported at once and by the
/// option that named it, not after the work by the file writer.
/// </summary>
internal static class OutputPaths
{
    /// <summary>
    /// Makes sure <paramref name="path"/> can be written as a file: not a folder, its folder created if need be and writable.
    /// </summary>
    /// <param name="option">The option that named the path, e.g. <c>--out</c>.</param>
    /// <param name="path">The file to be written.</param>
    /// <param name="example">A file name to suggest when the path is a folder, e.g. <c>predictions.csv</c>.</param>
    /// <exception cref="CliInputException">The path is a folder, or its folder cannot be made or written to.</exception>
    public static void CheckFile(string option, string path, string example)
    {
        if (Directory.Exists(path))
            throw new CliInputException($"{option} {path} is a folder, not a file. Give the file to write, e.g. {Path.Combine(path, example)}.");
        EnsureWritableFolder(option, Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    /// <summary>Creates <paramref name="folder"/> if it does not exist and checks that a file can be written in it.</summary>
    /// <param name="option">The option that named the folder or a file in it.</param>
    /// <param name="folder">The folder.</param>
    /// <param name="file">The file in it the option named, or null when the option named the folder.</param>
    /// <exception cref="CliInputException">The folder cannot be created or written to.</exception>
    public static void EnsureWritableFolder(string option, string folder, string? file = null)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".mlnn-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string what = file is null ? folder : $"{file}: its folder {folder}";
            throw new CliInputException($"{option} {what} cannot be made or written to ({e.Message}). Give a folder you can write to.", e);
        }
    }
}
