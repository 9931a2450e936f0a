using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>Regression: Score (Single), the network's single output.</summary>
internal sealed class RegressionHead : PredictionHead
{
    public override IReadOnlyList<HeadColumn> Columns(DataViewSchema inputSchema) =>
    [
        new("Score", NumberDataViewType.Single, ScoreAnnotations.Start("Regression", "Score", ScoreAnnotations.NextSetId(inputSchema)).ToAnnotations(),
            outputs => (ValueGetter<float>)((ref float value) => value = outputs()[0])),
    ];
}
