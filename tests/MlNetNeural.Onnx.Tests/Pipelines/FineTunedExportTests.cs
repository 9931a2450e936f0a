using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.FineTuning;
using MlNetNeural.Onnx.Tests.TestSupport;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Pruned (sparse layers) and LoRA-adapted models export as the equivalent dense graph: OnnxRuntime scores the 1,000
/// digits like the managed model, within 1e-5.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class FineTunedExportTests(TrainedPipelines trained)
{
    public static TheoryData<string> Kinds() => ["Pruned", "Lora"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OnnxRuntimeScoresTheFineTunedModelLikeTheManagedOne(string kind)
    {
        var labelled = trained.Multiclass.First().Transform(trained.Digits);
        var options = new MlpMulticlassTrainer.Options { MaxEpochs = 3, Seed = 2 };
        if (kind == "Pruned") options.Pruning = new MlpPruningOptions { TargetSparsity = 0.85f, RampEpochs = 0 };
        else options.FineTuning = new MlpFineTuningOptions { LoraRank = 3, TrainableLayers = 1 };
        var tuned = trained.Ml.MulticlassClassification.Trainers.Mlp(options).Fit(labelled, trained.Multiclass.LastTransformer.Model);
        Assert.Contains(tuned.Model.Network.Layers, layer => kind == "Pruned" ? layer is SparseDenseLayer : layer is LoraDenseLayer);

        using var stream = new MemoryStream();
        trained.Ml.Model.ConvertMlpToOnnx(tuned, trained.Digits.Schema, stream);
        var rows = trained.Digits.GetColumn<float[]>("Features").ToArray();
        var outputs = OnnxScoring.Run(stream.ToArray(), "Features", rows.SelectMany(row => row).ToArray(), rows[0].Length);

        var expected = ScoreColumns.FromManaged(tuned.Transform(trained.Digits), OnnxMlpHead.Multiclass);
        var actual = ScoreColumns.FromSession(outputs, OnnxMlpHead.Multiclass);
        Assert.True(expected.MaxAbsoluteDifference(actual) <= ExpectedOutputs.Tolerance, $"{kind}: max difference {expected.MaxAbsoluteDifference(actual):E3}");
        Assert.Empty(expected.LabelDisagreements(actual, tieMargin: ExpectedOutputs.Tolerance));
    }
}
