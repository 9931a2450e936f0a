using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Uncertainty;

/// <summary>Small classifiers trained once for the Monte-Carlo dropout tests: with and without dropout, binary and multiclass.</summary>
public sealed class UncertaintyModels
{
    public UncertaintyModels()
    {
        Ml = new MLContext(seed: 1);
        var cancer = Ml.Data.Cache(Datasets.BreastCancer(Ml));
        var normalizer = Ml.Transforms.NormalizeMeanVariance("Features").Fit(cancer);
        BreastCancer = Ml.Data.Cache(normalizer.Transform(cancer));
        WithDropout = FitBinary(dropout: 0.2f);
        WithoutDropout = FitBinary(dropout: 0f);

        var digits = Datasets.Digits(Ml, 300);
        Digits = Ml.Data.Cache(Ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Fit(digits).Transform(digits));
        Multiclass = Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 5, HiddenLayers = [32], Dropout = 0.2f, Seed = 1 })
            .Fit(Digits);
    }

    public MLContext Ml { get; }

    /// <summary>WDBC, normalized: "Features" (30 Singles) and "Label" (Boolean).</summary>
    public IDataView BreastCancer { get; }

    public MlpBinaryPredictionTransformer WithDropout { get; }

    public MlpBinaryPredictionTransformer WithoutDropout { get; }

    /// <summary>300 MNIST digits: "Features" (784 Singles) and "Label" (key over ten digits).</summary>
    public IDataView Digits { get; }

    public MlpMulticlassPredictionTransformer Multiclass { get; }

    private MlpBinaryPredictionTransformer FitBinary(float dropout) =>
        Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            MaxEpochs = 15, HiddenLayers = [32], Dropout = dropout, ValidationFraction = 0, Seed = 1,
        }).Fit(BreastCancer);
}
