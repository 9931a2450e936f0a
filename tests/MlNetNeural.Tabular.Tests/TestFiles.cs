namespace MlNetNeural.Tabular.Tests;

/// <summary>Temporary CSV files for one test, and the repository's data folder.</summary>
internal sealed class TestFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("mlnn-tabular-").FullName;

    public string Write(string name, string text)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>A file under the repository's data/ folder.</summary>
    public static string Data(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{relative} was not found above {AppContext.BaseDirectory}.");
    }
}
