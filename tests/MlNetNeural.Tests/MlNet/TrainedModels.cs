using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Small trained pipelines shared by the ML.NET behaviour tests (trained once per test class).</summary>
public sealed class TrainedModels
{
    public TrainedModels()
    {
        Ml = new MLContext(seed: 1);
        BreastCancer = Ml.Data.Cache(Datasets.BreastCancer(Ml));
        Binary = Ml.Transforms.NormalizeMeanVariance("Features")
            .Append(Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 15, HiddenLayers = [16] }))
            .Fit(BreastCancer);

        Digits = Ml.Data.Cache(Datasets.Digits(Ml, 600));
        Multiclass = Ml.Transforms.Conversion.MapValueToKey("Label", "Digit")
            .Append(Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 5, HiddenLayers = [32] }))
            .Fit(Digits);

        Ozone = Ml.Data.Cache(Datasets.Ozone(Ml));
        Regression = Ml.Transforms.Concatenate("Features", "pressure_height_500mb", "day_of_month")
            .Append(Ml.Transforms.ReplaceMissingValues("Features"))
            .Append(Ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(Ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { MaxEpochs = 10, HiddenLayers = [8] }))
            .Fit(Ozone);
    }

    public MLContext Ml { get; }

    public IDataView BreastCancer { get; }

    public TransformerChain<MlpBinaryPredictionTransformer> Binary { get; }

    public IDataView Digits { get; }

    public TransformerChain<MlpMulticlassPredictionTransformer> Multiclass { get; }

    public IDataView Ozone { get; }

    public TransformerChain<MlpRegressionPredictionTransformer> Regression { get; }
}
