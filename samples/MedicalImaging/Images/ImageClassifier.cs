using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Samples;
using MlNetNeural.Trainers;

namespace MedicalImaging.Images;

/// <summary>Held-out results of the image classifier.</summary>
/// <param name="FeatureKind">What the head read.</param>
/// <param name="Classes">Class names.</param>
/// <param name="TrainImages">Images the head was trained on.</param>
/// <param name="TestImages">Held-out images it was scored on.</param>
/// <param name="Accuracy">Share of held-out images classified right.</param>
/// <param name="ConfusionTable">ML.NET's formatted confusion table of the held-out images.</param>
/// <param name="FeaturizeSeconds">Time to featurize all images once.</param>
/// <param name="MajorityShare">Share of the held-out images in their most frequent class: the accuracy of always guessing it.</param>
public sealed record ImageResult(ImageFeatureKind FeatureKind, IReadOnlyList<string> Classes, int TrainImages, int TestImages,
    double Accuracy, string ConfusionTable, double FeaturizeSeconds, double MajorityShare)
{
    /// <summary>PNG files of attribution heat maps over some held-out images (pixel features only); empty when none were written.</summary>
    public IReadOnlyList<string> AttributionImages { get; init; } = [];

    /// <summary>Held-out images classified right.</summary>
    public int CorrectImages => (int)Math.Round(Accuracy * TestImages);

    /// <summary>True when the accuracy is significantly above <see cref="MajorityShare"/> (<see cref="ChanceLevel"/>).</summary>
    public bool BetterThanChance => ChanceLevel.IsBetterThanChance(CorrectImages, TestImages, MajorityShare);
}

/// <summary>
/// An MLP head on image features: featurizes every image once, splits 75/25 stratified by class, trains
/// our multiclass MLP (two or more classes) on the cached features and scores the held-out quarter.
/// </summary>
public static class ImageClassifier
{
    /// <summary>The head's settings: one hidden layer of 128 with dropout 0.2, 40 epochs on every training image.</summary>
    public static MlpMulticlassTrainer.Options HeadOptions(int seed) => new()
    {
        HiddenLayers = [128], Dropout = 0.2f, MaxEpochs = 40, ValidationFraction = 0, Seed = seed, NumberOfThreads = 1,
        EnsembleSize = 1, // the documented results are one network's; an ensemble would multiply every fold's training time
    };

    /// <summary>
    /// Featurizes, trains and tests on <paramref name="images"/>; with pixel features and an <paramref name="attributionDirectory"/>,
    /// also writes attribution heat maps over a few held-out images there (<see cref="ImageAttributions"/>).
    /// </summary>
    public static ImageResult TrainAndTest(MLContext ml, IReadOnlyList<LabeledImage> images, ImageFeatureKind kind, int seed, TextWriter progressOutput,
        string? attributionDirectory = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        float[][] features = ImageFeaturizer.Featurize(ml, images, kind, progressOutput);
        double featurizeSeconds = clock.Elapsed.TotalSeconds;
        string[] labels = images.Select(i => i.Label).ToArray();
        var (train, test) = StratifiedFolds.Split(Enumerable.Range(0, images.Count).ToArray(), labels, folds: 4, seed).First();

        var trainView = ToDataView(ml, features, labels, train);
        var testView = ToDataView(ml, features, labels, test);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(HeadOptions(seed)))
            .Fit(trainView);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testView));
        double majorityShare = test.GroupBy(i => labels[i]).Max(g => g.Count()) / (double)test.Length;
        var attributions = kind == ImageFeatureKind.Pixels && attributionDirectory is not null
            ? ImageAttributions.Write(ml, model, model.LastTransformer, trainView, testView, test.Select(i => images[i]).ToArray(), test.Select(i => features[i]).ToArray(), attributionDirectory)
            : [];
        return new ImageResult(kind, model.LastTransformer.Model.ClassNames, train.Length, test.Length,
            metrics.MicroAccuracy, metrics.ConfusionMatrix.GetFormattedConfusionTable(), featurizeSeconds, majorityShare) { AttributionImages = attributions };
    }

    private static IDataView ToDataView(MLContext ml, float[][] features, string[] labels, int[] rows)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features[0].Length);
        return ml.Data.LoadFromEnumerable(rows.Select(i => new FeatureRow { Features = features[i], Label = labels[i] }).ToList(), definition);
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }
}
