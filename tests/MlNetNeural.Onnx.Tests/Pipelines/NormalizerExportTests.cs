using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Onnx.Tests.TestSupport;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Every supported shape of "affine normalizers, then the MLP" exports so that the graph, fed the raw WDBC features,
/// reproduces the managed pipeline: each affine normalizer kind, two normalizers composed, a normalizer writing a new
/// column, and nested chains.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class NormalizerExportTests(TrainedPipelines trained, ITestOutputHelper output)
{
    public static TheoryData<string> Variants() =>
    [
        "MinMax with offsets", "MeanVariance", "LogMeanVariance without CDF", "RobustScaling",
        "MinMax then MeanVariance", "Normalizer writes a new column", "Nested chains",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void GraphFedRawFeaturesScoresLikeTheManagedPipeline(string variant)
    {
        var ml = trained.Ml;
        var data = trained.BreastCancer;
        string featureColumn = variant == "Normalizer writes a new column" ? "Normalized" : "Features";
        IEstimator<ITransformer> normalization = variant switch
        {
            "MinMax with offsets" => ml.Transforms.NormalizeMinMax("Features", fixZero: false),
            "MeanVariance" or "Nested chains" => ml.Transforms.NormalizeMeanVariance("Features"),
            "LogMeanVariance without CDF" => ml.Transforms.NormalizeLogMeanVariance("Features", fixZero: false, useCdf: false),
            "RobustScaling" => ml.Transforms.NormalizeRobustScaling("Features"),
            "MinMax then MeanVariance" => ml.Transforms.NormalizeMinMax("Features", fixZero: false).Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)),
            "Normalizer writes a new column" => ml.Transforms.NormalizeMinMax("Normalized", "Features"),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown variant."),
        };
        var fitted = normalization
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { FeatureColumnName = featureColumn, MaxEpochs = 3, HiddenLayers = [8], Seed = 3 }))
            .Fit(data);
        ITransformer model = variant == "Nested chains"
            ? new TransformerChain<ITransformer>(new TransformerChain<ITransformer>(new TransformerChain<ITransformer>(fitted.First())), fitted.LastTransformer)
            : fitted;

        using var stream = new MemoryStream();
        ml.Model.ConvertMlpToOnnx(model, data.Schema, stream);
        var rows = data.GetColumn<float[]>("Features").SelectMany(row => row).ToArray();
        var actual = ScoreColumns.FromSession(OnnxScoring.Run(stream.ToArray(), "Features", rows, Datasets.BreastCancerFeatures), OnnxMlpHead.Binary);
        var expected = ScoreColumns.FromManaged(fitted.Transform(data), OnnxMlpHead.Binary);

        // Float rounding grows with the size of the values: LogMeanVariance without CDF (ML.NET applies its affine map
        // to the raw value, with statistics of the logs) gives inputs in the hundreds and logits up to about 180. So the
        // 1e-5 tolerance is scaled by the largest score magnitude when that exceeds 1.
        double tolerance = ExpectedOutputs.Tolerance * Math.Max(1, expected.MaxAbsoluteScore);
        double maxDifference = expected.MaxAbsoluteDifference(actual);
        output.WriteLine($"{variant}: max |score| {expected.MaxAbsoluteScore:G4}, max |managed - ONNX| {maxDifference:E2}, tolerance {tolerance:E2}");
        Assert.True(maxDifference <= tolerance, $"{variant}: max absolute difference {maxDifference:E3} exceeds {tolerance:E3}.");
        Assert.Empty(expected.LabelDisagreements(actual, ExpectedOutputs.Tolerance));
    }

    /// <summary>Control: without the normalization the graph does not reproduce the pipeline, so the test above can fail.</summary>
    [Fact]
    public void DroppingTheNormalizerChangesTheScores()
    {
        var rows = trained.BreastCancer.GetColumn<float[]>("Features").SelectMany(row => row).ToArray();
        using var stream = new MemoryStream();
        trained.Ml.Model.ConvertMlpToOnnx(trained.Binary.LastTransformer, trained.BreastCancer.Schema, stream);
        var unnormalized = ScoreColumns.FromSession(OnnxScoring.Run(stream.ToArray(), "Features", rows, Datasets.BreastCancerFeatures), OnnxMlpHead.Binary);
        var expected = ScoreColumns.FromManaged(trained.Binary.Transform(trained.BreastCancer), OnnxMlpHead.Binary);

        Assert.True(expected.MaxAbsoluteDifference(unnormalized) > 0.1);
    }
}
