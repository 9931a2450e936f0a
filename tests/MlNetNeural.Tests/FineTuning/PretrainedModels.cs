using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.FineTuning;

/// <summary>
/// Trained starting points for the fine-tuning tests (trained once per test class): a WDBC classifier, and a digit
/// classifier pretrained on the digits 0-4 with a small labelled set of the digits 5-9 to adapt it to. Each is one network
/// (EnsembleSize 1), whose layer sizes the tests name.
/// </summary>
public sealed class PretrainedModels
{
    public const int Seed = 5;

    public PretrainedModels()
    {
        Ml = new MLContext(seed: 1);
        BreastCancer = Ml.Data.Cache(Datasets.BreastCancer(Ml));
        Binary = Ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(Ml.BinaryClassification.Trainers.Mlp(BinaryOptions(epochs: 6)))
            .Fit(BreastCancer);
        NormalizedBreastCancer = Ml.Data.Cache(Binary.First().Transform(BreastCancer));

        var digits = Ml.Data.Cache(Datasets.Digits(Ml, 3000));
        LowDigits = Ml.Data.FilterByCustomPredicate<DigitText>(digits, row => string.CompareOrdinal(row.Digit, "5") >= 0);
        HighDigits = Ml.Data.FilterByCustomPredicate<DigitText>(digits, row => string.CompareOrdinal(row.Digit, "5") < 0);
        var split = Ml.Data.TrainTestSplit(HighDigits, testFraction: 0.8, seed: 2);
        HighDigitsTrain = Ml.Data.Cache(Ml.Transforms.Conversion.MapValueToKey("Label", "Digit", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(split.TrainSet).Transform(split.TrainSet));
        HighDigitsTest = split.TestSet;
        LowDigitsModel = Ml.Transforms.Conversion.MapValueToKey("Label", "Digit", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { HiddenLayers = [48, 24], MaxEpochs = 8, Seed = Seed, EnsembleSize = 1 }))
            .Fit(LowDigits);
    }

    public MLContext Ml { get; }

    public IDataView BreastCancer { get; }

    /// <summary>WDBC after the binary pipeline's fitted normalizer: what its trainer saw.</summary>
    public IDataView NormalizedBreastCancer { get; }

    public TransformerChain<MlpBinaryPredictionTransformer> Binary { get; }

    /// <summary>Digits 0-4 ("Features" in [0, 1], "Digit").</summary>
    public IDataView LowDigits { get; }

    /// <summary>Digits 5-9.</summary>
    public IDataView HighDigits { get; }

    /// <summary>About a fifth of the digits 5-9, with "Label" a key over "5".."9".</summary>
    public IDataView HighDigitsTrain { get; }

    /// <summary>The other digits 5-9.</summary>
    public IDataView HighDigitsTest { get; }

    /// <summary>784-48-24-5 trained on the digits 0-4.</summary>
    public TransformerChain<MlpMulticlassPredictionTransformer> LowDigitsModel { get; }

    public static MlpBinaryTrainer.Options BinaryOptions(int epochs) =>
        new() { HiddenLayers = [16, 8], MaxEpochs = epochs, Seed = Seed, Dropout = 0.1f, NumberOfThreads = 1, EnsembleSize = 1 };

    public sealed class DigitText
    {
        public string Digit { get; set; } = "";
    }
}
