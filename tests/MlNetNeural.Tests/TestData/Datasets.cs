using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.TestData;

/// <summary>The repository's real datasets as ML.NET data views (see data/README.md).</summary>
internal static class Datasets
{
    public const int BreastCancerFeatures = 30;

    /// <summary>WDBC: "Features" (30 Singles, raw scale) and "Label" (Boolean, true = malignant).</summary>
    public static IDataView BreastCancer(MLContext ml)
    {
        var columns = new[]
        {
            new TextLoader.Column("Features", DataKind.Single, 0, BreastCancerFeatures - 1),
            new TextLoader.Column("Diagnosis", DataKind.String, BreastCancerFeatures),
        };
        var raw = ml.Data.LoadFromTextFile(RepositoryData.PathOf("breast_cancer_wisconsin_diagnostic.csv"), columns, separatorChar: ',', hasHeader: true);
        var toLabel = ml.Transforms.Conversion.MapValue("Label", new[] { new KeyValuePair<string, bool>("M", true), new("B", false) }, "Diagnosis");
        return toLabel.Fit(raw).Transform(raw);
    }

    /// <summary>LA ozone 1976 with its missing values: twelve Single columns, "Label" = daily maximum ozone.</summary>
    public static IDataView Ozone(MLContext ml)
    {
        string[] names = File.ReadLines(RepositoryData.PathOf("la_ozone_1976.csv")).First().Split(',');
        var columns = names.Select((name, index) => new TextLoader.Column(name == "daily_max_ozone" ? "Label" : name, DataKind.Single, index)).ToArray();
        return ml.Data.LoadFromTextFile(RepositoryData.PathOf("la_ozone_1976.csv"), columns, separatorChar: ',', hasHeader: true);
    }

    public static string[] OzoneFeatureNames() =>
        File.ReadLines(RepositoryData.PathOf("la_ozone_1976.csv")).First().Split(',').Where(n => n != "daily_max_ozone").ToArray();

    /// <summary>The first <paramref name="rows"/> of a seeded shuffle of the MNIST digits: "Features" (784 Singles in [0, 1]) and "Digit" (text "0".."9").</summary>
    public static IDataView Digits(MLContext ml, int rows)
    {
        var (pixels, labels) = MnistDigits.All;
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        new MlNetNeural.Core.Randomness.DeterministicRandom(7).Shuffle(order);
        var selected = order.Take(rows).Select(i => new DigitRow
        {
            Features = pixels.AsSpan(i * MnistDigits.Pixels, MnistDigits.Pixels).ToArray(),
            Digit = ((int)labels[i]).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return ml.Data.LoadFromEnumerable(selected.ToList());
    }

    private sealed class DigitRow
    {
        [VectorType(MnistDigits.Pixels)]
        public float[] Features { get; set; } = [];

        public string Digit { get; set; } = "";
    }
}
