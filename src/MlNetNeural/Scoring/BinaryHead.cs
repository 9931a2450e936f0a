using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Losses;

namespace MlNetNeural.Scoring;

/// <summary>Binary classification: PredictedLabel (Boolean, probability above 0.5), Score (the logit), Probability (its sigmoid).</summary>
internal sealed class BinaryHead : PredictionHead
{
    private const string Kind = "BinaryClassification";

    public override IReadOnlyList<HeadColumn> Columns(DataViewSchema inputSchema)
    {
        uint setId = ScoreAnnotations.NextSetId(inputSchema);
        var probability = ScoreAnnotations.Start(Kind, "Probability", setId);
        probability.Add(ScoreAnnotations.IsNormalized, BooleanDataViewType.Instance, (ref bool value) => value = true);
        return
        [
            new("PredictedLabel", BooleanDataViewType.Instance, ScoreAnnotations.Start(Kind, "PredictedLabel", setId).ToAnnotations(),
                outputs => (ValueGetter<bool>)((ref bool value) => value = outputs()[0] > 0f)),
            new("Score", NumberDataViewType.Single, ScoreAnnotations.Start(Kind, "Score", setId).ToAnnotations(),
                outputs => (ValueGetter<float>)((ref float value) => value = outputs()[0])),
            new("Probability", NumberDataViewType.Single, probability.ToAnnotations(),
                outputs => (ValueGetter<float>)((ref float value) => value = SigmoidBinaryCrossEntropyLoss.Sigmoid(outputs()[0]))),
        ];
    }
}
