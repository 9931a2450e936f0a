using System.IO.Compression;

namespace MlNetNeural.Tabular;

/// <summary>Opens a delimited text file for reading, decompressing it when its name ends in <c>.gz</c>.</summary>
internal static class CsvFile
{
    /// <summary>The file's text in <paramref name="encoding"/> (a byte order mark, if any, is skipped).</summary>
    public static TextReader Open(string path, System.Text.Encoding encoding) =>
        new StreamReader(OpenBytes(path), encoding, detectEncodingFromByteOrderMarks: true);

    /// <summary>The file's bytes, decompressed when its name ends in <c>.gz</c>.</summary>
    public static Stream OpenBytes(string path)
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
        return stream;
    }
}
