using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Reports.Tests;

/// <summary>Loads the real data sets copied into Data/ (see Data/README.md).</summary>
internal static class TestData
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Data", fileName);

    /// <summary>The 30 WDBC feature names, in file (and slot) order.</summary>
    public static IReadOnlyList<string> BreastCancerFeatureNames { get; } = File.ReadLines(PathOf("breast_cancer_wisconsin_diagnostic.csv"))
        .First().Split(',').SkipLast(1).ToArray();

    /// <summary>WDBC with a Boolean "Label" (true = malignant) and a 30-slot "Features" vector.</summary>
    public static IDataView BreastCancer(MLContext ml)
    {
        var loaded = ml.Data.LoadFromTextFile(PathOf("breast_cancer_wisconsin_diagnostic.csv"),
        [
            new TextLoader.Column("Features", DataKind.Single, 0, 29),
            new TextLoader.Column("diagnosis", DataKind.String, 30),
        ], separatorChar: ',', hasHeader: true);
        var toLabel = ml.Transforms.Conversion.MapValue("Label",
            [new KeyValuePair<string, bool>("M", true), new KeyValuePair<string, bool>("B", false)], "diagnosis");
        return toLabel.Fit(loaded).Transform(loaded);
    }

    /// <summary>500 MNIST digits: text "label" column (0-9) and a 784-slot "Pixels" vector.</summary>
    public static IDataView Digits(MLContext ml) => ml.Data.LoadFromTextFile(PathOf("mnist_500.csv"),
    [
        new TextLoader.Column("label", DataKind.String, 0),
        new TextLoader.Column("Pixels", DataKind.Single, 1, 784),
    ], separatorChar: ',', hasHeader: true);

    /// <summary>LA ozone 1976: Single "Label" = daily_max_ozone and the 12 other columns as "Raw" (with missing values).</summary>
    public static IDataView Ozone(MLContext ml) => ml.Data.LoadFromTextFile(PathOf("la_ozone_1976.csv"),
    [
        new TextLoader.Column("Label", DataKind.Single, 3),
        new TextLoader.Column("Raw", DataKind.Single, [new TextLoader.Range(0, 2), new TextLoader.Range(4, 12)]),
    ], separatorChar: ',', hasHeader: true);
}
