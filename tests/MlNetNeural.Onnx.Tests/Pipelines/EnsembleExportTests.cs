using Microsoft.ML;
using MlNetNeural.Onnx.Tests.TestSupport;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// A model trained with EnsembleSize above 1 is one network (input scaling, side-by-side periodic embeddings,
/// block-diagonal layers, averaged output): its ONNX export reads the raw columns and scores every row like the managed
/// pipeline, within 1e-5, for a binary model with learnable input gains and a regression model mapped back to label units.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class EnsembleExportTests(TrainedPipelines trained)
{
    [Fact]
    public void ABinaryEnsembleWithLearnableGainsExportsAndScoresLikeTheManagedPipeline()
    {
        var model = trained.Ml.Transforms.Concatenate("Features", RawTables.BreastCancerFeatureNames())
            .Append(trained.Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
            {
                EnsembleSize = 3, LearnableInputGain = true, HiddenLayers = [16, 8], MaxEpochs = 8, Seed = 1,
            }))
            .Fit(trained.BreastCancerColumns);
        AssertExportScoresLikeManaged(model, trained.BreastCancerColumns, OnnxMlpHead.Binary);
    }

    [Fact]
    public void ARegressionEnsembleExportsAndPredictsInLabelUnitsLikeTheManagedPipeline()
    {
        var model = trained.Ml.Transforms.Concatenate("Features", Datasets.OzoneFeatureNames())
            .Append(trained.Ml.Transforms.ReplaceMissingValues("Features"))
            .Append(trained.Ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { EnsembleSize = 2, HiddenLayers = [16], MaxEpochs = 10, Seed = 1 }))
            .Fit(trained.Ozone);
        AssertExportScoresLikeManaged(model, trained.Ozone, OnnxMlpHead.Regression);
    }

    private void AssertExportScoresLikeManaged(ITransformer model, IDataView data, OnnxMlpHead head)
    {
        using var stream = new MemoryStream();
        trained.Ml.Model.ConvertMlpToOnnx(model, data.Schema, stream);
        var expected = ScoreColumns.FromManaged(model.Transform(data), head);
        var actual = ScoreColumns.FromSession(OnnxScoring.Run(stream.ToArray(), data), head);
        Assert.True(expected.MaxAbsoluteDifference(actual) <= ExpectedOutputs.Tolerance, $"max difference {expected.MaxAbsoluteDifference(actual):E3}");
        Assert.Empty(expected.LabelDisagreements(actual, tieMargin: ExpectedOutputs.Tolerance));
    }
}
