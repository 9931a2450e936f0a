using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Activations;
using MlNetNeural.Data;
using MlNetNeural.Models;
using MlNetNeural.Scoring;

namespace MlNetNeural.Tasks;

/// <summary>
/// Binary classification: a Boolean label (or Single holding 0 and 1), one logit; outputs PredictedLabel
/// (Boolean, probability above the threshold, 0.5 unless changed), Score (the logit) and Probability (its sigmoid).
/// </summary>
internal sealed class BinaryClassificationTask : MlpTaskDefinition
{
    private const string Kind = "BinaryClassification";

    public static BinaryClassificationTask Instance { get; } = new();

    public override MlpTask Task => MlpTask.BinaryClassification;

    public override string LabelAdvice => "A Single binary label must be 0 or 1; or load the label as Boolean (TextLoader reads true/false, 1/0).";

    public override LabelDescription DescribeLabel(DataViewSchema.Column label) =>
        label.Type == BooleanDataViewType.Instance || label.Type == NumberDataViewType.Single
            ? LabelDescription.None
            : throw SchemaChecks.Mismatch("label", label.Name, "Boolean", label.Type,
                "Load the label as Boolean (TextLoader reads true/false, 1/0), or map text labels to Boolean, e.g. with ml.Transforms.CustomMapping.");

    public override TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label)
    {
        if (label.Type == BooleanDataViewType.Instance)
        {
            var getter = row.GetGetter<bool>(label);
            bool value = false;
            return (_, target) =>
            {
                getter(ref value);
                target[0] = value ? 1f : 0f;
            };
        }
        var singleGetter = row.GetGetter<float>(label);
        float number = 0;
        return (_, target) =>
        {
            singleGetter(ref number);
            target[0] = number;
        };
    }

    public override string DescribeSingleClass(DataViewSchema.Column label, float onlyClass, int rows, LabelDescription description) =>
        $"Label column '{label.Name}' holds only {(onlyClass == 1f ? "true" : "false")} values in all {rows} training rows; a binary classifier needs examples of both classes.";

    public override IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema, IReadOnlyList<string> classNames) =>
        OutputColumns(inputSchema, scoreThreshold: 0f);

    /// <summary>The output columns with PredictedLabel true when Score (the logit) is above <paramref name="scoreThreshold"/>.</summary>
    /// <param name="inputSchema">The schema being scored (for the score-column set id).</param>
    /// <param name="scoreThreshold">The logit of the probability threshold; 0 for ML.NET's rule (probability above 0.5).</param>
    public IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema, float scoreThreshold)
    {
        uint setId = ScoreAnnotations.NextSetId(inputSchema);
        var probability = ScoreAnnotations.Start(Kind, "Probability", setId);
        probability.Add(ScoreAnnotations.IsNormalized, BooleanDataViewType.Instance, (ref bool value) => value = true);
        return
        [
            new("PredictedLabel", BooleanDataViewType.Instance, ScoreAnnotations.Start(Kind, "PredictedLabel", setId).ToAnnotations(),
                outputs => (ValueGetter<bool>)((ref bool value) => value = outputs()[0] > scoreThreshold)),
            new("Score", NumberDataViewType.Single, ScoreAnnotations.Start(Kind, "Score", setId).ToAnnotations(),
                outputs => (ValueGetter<float>)((ref float value) => value = outputs()[0])),
            new("Probability", NumberDataViewType.Single, probability.ToAnnotations(),
                outputs => (ValueGetter<float>)((ref float value) => value = Sigmoid.Probability(outputs()[0]))),
        ];
    }
}
