using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>A binary MLP whose decision threshold was changed exports that threshold: ONNX's PredictedLabel is the managed one.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class ThresholdExportTests(TrainedPipelines trained)
{
    [Fact]
    public void TheChangedThresholdDecidesPredictedLabelInTheExportedGraph()
    {
        var thresholded = trained.Ml.BinaryClassification.ChangeMlpThreshold(trained.Binary, 0.2f);
        var rows = trained.BreastCancer.GetColumn<float[]>("Features").ToArray();
        using var directory = new TemporaryDirectory();
        string path = directory.File("thresholded.onnx");
        trained.Ml.Model.ConvertMlpToOnnx(thresholded, trained.BreastCancer.Schema, path);

        var outputs = OnnxScoring.Run(File.ReadAllBytes(path), "Features", rows.SelectMany(row => row).ToArray(), rows[0].Length);
        bool[] exported = (bool[])outputs[OnnxMlpColumnNames.PredictedLabel].Values;
        bool[] managed = thresholded.Transform(trained.BreastCancer).GetColumn<bool>("PredictedLabel").ToArray();
        bool[] atHalf = trained.Binary.Transform(trained.BreastCancer).GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Equal(managed, exported);
        Assert.True(managed.Count(p => p) > atHalf.Count(p => p), "the lower threshold flags more rows");
    }

    [Fact]
    public void AThresholdOnANonBinaryHeadIsRefused()
    {
        var description = RandomMlp.Create(3, OnnxMlpHead.Regression, OnnxActivation.Relu, normalize: false);
        var error = Assert.Throws<ArgumentException>(() => OnnxMlpWriter.ToBytes(new OnnxMlpDescription(description.FeatureCount, description.Layers, description.Head) { DecisionThreshold = 1f }));
        Assert.Contains("DecisionThreshold is 1", error.Message);
    }
}
