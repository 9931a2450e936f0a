namespace MlNetNeural.Tests.TestData;

/// <summary>Finds the repository's data/ folder (see data/README.md for provenance) from the test output directory.</summary>
internal static class RepositoryData
{
    public static string PathOf(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{fileName} was not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
