using System.IO.Compression;
using Microsoft.ML.Data;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>One gzip-compressed text file as a source for ML.NET's TextLoader, which reads plain files only.</summary>
/// <param name="path">The .gz file.</param>
public sealed class GzipTextSource(string path) : IMultiStreamSource
{
    /// <inheritdoc />
    public int Count => 1;

    /// <inheritdoc />
    public string GetPathOrNull(int index) => index == 0 ? path : throw new ArgumentOutOfRangeException(nameof(index), index, "The source holds one file.");

    /// <inheritdoc />
    public Stream Open(int index) => new GZipStream(File.OpenRead(GetPathOrNull(index)), CompressionMode.Decompress);

    /// <inheritdoc />
    public TextReader OpenTextReader(int index) => new StreamReader(Open(index));
}
