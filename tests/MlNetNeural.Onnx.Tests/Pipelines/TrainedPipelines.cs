using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Small real ML.NET pipelines, trained once per test run (a fixture of the OnnxRuntime collection) on the repository's
/// datasets (data/README.md): WDBC binary (as a vector, and as the README's 30 columns), MNIST multiclass (a seeded
/// 1,000-digit subset), LA ozone regression, and two tables featurized by MlNetNeural.Tabular: credit (binary: missing
/// values, indicators, one-hot text) and penguins (multiclass).
/// </summary>
public sealed class TrainedPipelines
{
    public const int DigitRows = 1000;

    public TrainedPipelines()
    {
        Ml = new MLContext(seed: 1);

        BreastCancer = Ml.Data.Cache(Datasets.BreastCancer(Ml));
        Binary = Ml.Transforms.NormalizeMeanVariance("Features")
            .Append(Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 15, HiddenLayers = [16], Seed = 1 }))
            .Fit(BreastCancer);

        BreastCancerColumns = Ml.Data.Cache(RawTables.BreastCancerColumns(Ml));
        ReadmeBinary = Ml.Transforms.Concatenate("Features", RawTables.BreastCancerFeatureNames())
            .Append(Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 15, HiddenLayers = [64], Seed = 1 }))
            .Fit(BreastCancerColumns);

        Digits = Ml.Data.Cache(Datasets.Digits(Ml, DigitRows));
        Multiclass = Ml.Transforms.Conversion.MapValueToKey("Label", "Digit")
            .Append(Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 5, HiddenLayers = [32], Activation = Core.Activations.ActivationKind.Gelu, Seed = 1 }))
            .Fit(Digits);

        Ozone = Ml.Data.Cache(Datasets.Ozone(Ml));
        Regression = Ml.Transforms.Concatenate("Features", Datasets.OzoneFeatureNames())
            .Append(Ml.Transforms.ReplaceMissingValues("Features"))
            .Append(Ml.Transforms.NormalizeMinMax("Features", fixZero: false))
            .Append(Ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { MaxEpochs = 30, HiddenLayers = [16], Activation = Core.Activations.ActivationKind.Tanh, Seed = 1 }))
            .Fit(Ozone);

        (Credit, CreditInference) = RawTables.Tabular("credit_data.csv", "Status");
        CreditModel = new TabularFeaturizer(Ml, CreditInference)
            .Append(Ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 8, HiddenLayers = [32], Seed = 1 }))
            .Fit(Credit);

        (Penguins, PenguinsInference) = RawTables.Tabular("penguins.csv", "species");
        PenguinsModel = new TabularFeaturizer(Ml, PenguinsInference)
            .Append(Ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 20, HiddenLayers = [16], Seed = 1 }))
            .Fit(Penguins);
    }

    public MLContext Ml { get; }

    /// <summary>WDBC, 569 rows: "Features" (30 raw Singles), "Label".</summary>
    public IDataView BreastCancer { get; }

    /// <summary>NormalizeMeanVariance("Features") then the binary MLP.</summary>
    public TransformerChain<MlpBinaryPredictionTransformer> Binary { get; }

    /// <summary>WDBC, 569 rows, as in the file: 30 Single columns named like its header, "Label".</summary>
    public IDataView BreastCancerColumns { get; }

    /// <summary>The README's pipeline: Concatenate the 30 raw columns, the binary MLP (which scales its inputs itself).</summary>
    public TransformerChain<MlpBinaryPredictionTransformer> ReadmeBinary { get; }

    /// <summary>1,000 MNIST digits: "Features" (784 Singles in [0, 1]), "Digit".</summary>
    public IDataView Digits { get; }

    /// <summary>MapValueToKey("Label", "Digit") (training only) then the multiclass MLP.</summary>
    public TransformerChain<MlpMulticlassPredictionTransformer> Multiclass { get; }

    /// <summary>LA ozone, 361 rows, twelve feature columns with missing values, "Label".</summary>
    public IDataView Ozone { get; }

    /// <summary>Concatenate, ReplaceMissingValues, NormalizeMinMax (with offsets), regression MLP.</summary>
    public TransformerChain<MlpRegressionPredictionTransformer> Regression { get; }

    /// <summary>credit_data.csv, all 4,454 rows typed by MlNetNeural.Tabular: numeric Singles (NaN where missing), categorical text, "Status".</summary>
    public IDataView Credit { get; }

    /// <summary>The column decisions for <see cref="Credit"/>.</summary>
    public TableInference CreditInference { get; }

    /// <summary>TabularFeaturizer (indicators, mean imputation, one-hot text, MapValue of the label), NormalizeMeanVariance, binary MLP.</summary>
    public TransformerChain<MlpBinaryPredictionTransformer> CreditModel { get; }

    /// <summary>penguins.csv, all 344 rows typed by MlNetNeural.Tabular.</summary>
    public IDataView Penguins { get; }

    /// <summary>The column decisions for <see cref="Penguins"/>.</summary>
    public TableInference PenguinsInference { get; }

    /// <summary>TabularFeaturizer (MapValueToKey of the species as the label), NormalizeMeanVariance, multiclass MLP.</summary>
    public TransformerChain<MlpMulticlassPredictionTransformer> PenguinsModel { get; }
}
