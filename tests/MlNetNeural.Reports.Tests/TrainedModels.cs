using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlNetNeural.Reports.Tests;

/// <summary>Trains the small test models once per test run, each only when a test first asks for it.</summary>
public sealed class TrainedModels
{
    private readonly Lazy<BinaryModels> _binary;
    private readonly Lazy<IDataView> _multiclass;
    private readonly Lazy<IDataView> _regression;

    public TrainedModels()
    {
        Ml = new MLContext(seed: 1);
        _binary = new Lazy<BinaryModels>(TrainBinary);
        _multiclass = new Lazy<IDataView>(TrainMulticlass);
        _regression = new Lazy<IDataView>(TrainRegression);
    }

    public MLContext Ml { get; }

    /// <summary>WDBC training rows of the binary split (for model-card counts).</summary>
    public IDataView BinaryTrain => _binary.Value.Train;

    /// <summary>LbfgsLogisticRegression on WDBC test rows: Label, Score, Probability, PredictedLabel.</summary>
    public IDataView BinaryScored => _binary.Value.Scored;

    /// <summary>Permutation feature importance of that model on the test rows (3 permutations).</summary>
    public ImmutableArray<BinaryClassificationMetricsStatistics> BinaryImportance => _binary.Value.Importance;

    /// <summary>SdcaNonCalibrated on the same split: no Probability column.</summary>
    public IDataView BinaryNonCalibratedScored => _binary.Value.NonCalibrated;

    /// <summary>SdcaNonCalibrated + Platt calibrator fitted on the training rows.</summary>
    public IDataView BinaryPlattScored => _binary.Value.Platt;

    /// <summary>SdcaNonCalibrated + isotonic calibrator fitted on the training rows.</summary>
    public IDataView BinaryIsotonicScored => _binary.Value.Isotonic;

    /// <summary>LbfgsMaximumEntropy on MNIST digit test rows.</summary>
    public IDataView MulticlassScored => _multiclass.Value;

    /// <summary>Sdca regression on LA ozone test rows.</summary>
    public IDataView RegressionScored => _regression.Value;

    private BinaryModels TrainBinary()
    {
        var split = Ml.Data.TrainTestSplit(TestData.BreastCancer(Ml), testFraction: 0.3, seed: 1);
        var normalize = Ml.Transforms.NormalizeMeanVariance("Features");
        var model = normalize.Append(Ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(split.TrainSet);
        var featurizedTest = model.Take(1).Single().Transform(split.TestSet);
        var importance = Ml.BinaryClassification.PermutationFeatureImportance(model.LastTransformer, featurizedTest, permutationCount: 3);

        var nonCalibrated = normalize.Append(Ml.BinaryClassification.Trainers.SdcaNonCalibrated(maximumNumberOfIterations: 20)).Fit(split.TrainSet);
        var rawTest = nonCalibrated.Transform(split.TestSet);
        var rawTrain = nonCalibrated.Transform(split.TrainSet);
        return new BinaryModels(
            split.TrainSet,
            model.Transform(split.TestSet),
            importance,
            rawTest,
            Ml.BinaryClassification.Calibrators.Platt().Fit(rawTrain).Transform(rawTest),
            Ml.BinaryClassification.Calibrators.Isotonic().Fit(rawTrain).Transform(rawTest));
    }

    private IDataView TrainMulticlass()
    {
        var split = Ml.Data.TrainTestSplit(TestData.Digits(Ml), testFraction: 0.3, seed: 1);
        var model = Ml.Transforms.Conversion.MapValueToKey("Label", "label")
            .Append(Ml.Transforms.NormalizeMinMax("Features", "Pixels"))
            .Append(Ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { MaximumNumberOfIterations = 30 }))
            .Fit(split.TrainSet);
        return model.Transform(split.TestSet);
    }

    private IDataView TrainRegression()
    {
        var split = Ml.Data.TrainTestSplit(TestData.Ozone(Ml), testFraction: 0.3, seed: 1);
        var model = Ml.Transforms.ReplaceMissingValues("Filled", "Raw")
            .Append(Ml.Transforms.NormalizeMeanVariance("Features", "Filled"))
            .Append(Ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 20))
            .Fit(split.TrainSet);
        return model.Transform(split.TestSet);
    }

    private sealed record BinaryModels(
        IDataView Train,
        IDataView Scored,
        ImmutableArray<BinaryClassificationMetricsStatistics> Importance,
        IDataView NonCalibrated,
        IDataView Platt,
        IDataView Isotonic);
}

[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "Trained models";
}
