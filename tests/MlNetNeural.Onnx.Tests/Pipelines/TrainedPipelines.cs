using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Small real ML.NET pipelines, trained once per test run (a fixture of the OnnxRuntime collection) on the repository's datasets (data/README.md):
/// WDBC binary, MNIST multiclass (a seeded 1,000-digit subset), LA ozone regression.
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
        var preparation = new TransformerChain<ITransformer>(Regression.Take(2).ToArray());
        OzoneImputed = Ml.Data.Cache(preparation.Transform(Ozone));
        RegressionExportable = new TransformerChain<ITransformer>(Regression.Skip(2).ToArray());
    }

    public MLContext Ml { get; }

    /// <summary>WDBC, 569 rows: "Features" (30 raw Singles), "Label".</summary>
    public IDataView BreastCancer { get; }

    /// <summary>NormalizeMeanVariance("Features") then the binary MLP.</summary>
    public TransformerChain<MlpBinaryPredictionTransformer> Binary { get; }

    /// <summary>1,000 MNIST digits: "Features" (784 Singles in [0, 1]), "Digit".</summary>
    public IDataView Digits { get; }

    /// <summary>MapValueToKey("Label", "Digit") (training only) then the multiclass MLP.</summary>
    public TransformerChain<MlpMulticlassPredictionTransformer> Multiclass { get; }

    /// <summary>LA ozone, 361 rows, twelve feature columns with missing values, "Label".</summary>
    public IDataView Ozone { get; }

    /// <summary>Concatenate, ReplaceMissingValues, NormalizeMinMax (with offsets), regression MLP.</summary>
    public TransformerChain<MlpRegressionPredictionTransformer> Regression { get; }

    /// <summary>Ozone after the Concatenate and ReplaceMissingValues steps of <see cref="Regression"/>: "Features" is the imputed raw vector.</summary>
    public IDataView OzoneImputed { get; }

    /// <summary>The exportable tail of <see cref="Regression"/>: NormalizeMinMax then the MLP, reading the imputed vector.</summary>
    public TransformerChain<ITransformer> RegressionExportable { get; }
}
