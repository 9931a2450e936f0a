using System.IO.Compression;

namespace MlNetNeural.Tabular;

/// <summary>Opens a delimited text file for reading, decompressing it when its name ends in <c>.gz</c>.</summary>
internal static class CsvFile
{
    public static TextReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            string full = Path.GetFullPath(path);
            string hint = Directory.Exists(full) ? " It is a folder; give the path of a file inside it." : $" The current folder is {Environment.CurrentDirectory}.";
            throw new TabularDataException(TabularProblem.FileNotFound,
                $"The data file {full} does not exist.{hint} Check the path.", path);
        }
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        return new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
    }
}
