using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;
using MlNetNeural.Explanations;
using MlNetNeural.Models;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Explanations;

/// <summary>Helpers of the explanation tests: options that keep every contribution raw, reading contributions, wrapping a hand-built network.</summary>
internal static class ExplanationTestData
{
    /// <summary>Every contribution kept, not normalized: the values add up to the output's change from the baseline.</summary>
    public static MlpFeatureContributionOptions AllRaw() => MlpFeatureContributionOptions.AllUnnormalized();

    /// <summary>Every row of a vector column, densified (sparse slots read as 0).</summary>
    public static float[][] Dense(IDataView data, string column)
    {
        var rows = new List<float[]>();
        using var cursor = data.GetRowCursor([data.Schema[column]]);
        var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[column]);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.DenseValues().ToArray());
        }
        return rows.ToArray();
    }

    /// <summary>The network's raw outputs (logits) for one row.</summary>
    public static float[] Outputs(Network network, float[] features) =>
        network.Forward(features, network.CreateWorkspace(1), 1, ForwardMode.Inference).ToArray();

    /// <summary>A binary prediction transformer over a hand-built network (for layer kinds the trainer does not build yet).</summary>
    public static MlpBinaryPredictionTransformer Binary(Network network) =>
        new(new MlpModelParameters(MlpTask.BinaryClassification, network, [],
            TrainingHistory.Restore("", 0, StopReason.MaxEpochsReached, "", 0, 0, 0, []), []), "Features");
}
