namespace MlNetNeural.Benchmarks;

/// <summary>Finds files of the repository (data/, samples/) from wherever the benchmark runs.</summary>
public static class RepositoryFiles
{
    /// <summary>The path of <paramref name="relative"/> (e.g. <c>data/la_ozone_1976.csv</c>) in the first folder above the program or the current folder that has it.</summary>
    /// <param name="relative">A path relative to the repository root, with '/' separators.</param>
    /// <exception cref="FileNotFoundException">No folder above has the file.</exception>
    public static string Find(string relative)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"{relative} was not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run the benchmarks from a clone of the repository.");
    }
}
