using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;
using MlNetNeural.Data;
using MlNetNeural.Models;
using MlNetNeural.Scoring;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// Trains a multilayer perceptron for binary classification with sigmoid cross-entropy. The label is
/// Boolean (or Single holding 0 and 1); outputs are ML.NET's PredictedLabel, Score (the logit) and
/// Probability. Create it with <c>mlContext.BinaryClassification.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpBinaryTrainer : MlpTrainerBase<MlpBinaryPredictionTransformer, MlpBinaryTrainer.Options>
{
    /// <summary>Options of <see cref="MlpBinaryTrainer"/>.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>
        /// Weight of positive (true) rows in the loss, above 0. Default 1. For imbalanced data, negatives/positives
        /// balances the classes; a cost ratio (e.g. 5 when a missed positive costs five times a false alarm) targets costs.
        /// </summary>
        public float PositiveClassWeight { get; set; } = 1f;
    }

    internal MlpBinaryTrainer(IHostEnvironment environment, Options options) : base(environment, options, nameof(MlpBinaryTrainer))
    {
    }

    private protected override MlpTask Task => MlpTask.BinaryClassification;

    private protected override LabelDescription DescribeLabel(DataViewSchema.Column label) =>
        label.Type == BooleanDataViewType.Instance || label.Type == NumberDataViewType.Single
            ? LabelDescription.None
            : throw SchemaChecks.Mismatch("label", label.Name, "Boolean", label.Type,
                "Load the label as Boolean (TextLoader reads true/false, 1/0), or map text labels to Boolean, e.g. with ml.Transforms.CustomMapping.");

    private protected override TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label)
    {
        if (label.Type == BooleanDataViewType.Instance)
        {
            var getter = row.GetGetter<bool>(label);
            bool value = false;
            return _ =>
            {
                getter(ref value);
                return value ? 1f : 0f;
            };
        }
        var singleGetter = row.GetGetter<float>(label);
        float number = 0;
        return position =>
        {
            singleGetter(ref number);
            return number is 0f or 1f ? number
                : throw new InvalidOperationException($"Row {position} of label column '{label.Name}' is {number}; a Single binary label must be 0 or 1 (or use a Boolean column).");
        };
    }

    private protected override void CheckTargets(TrainingData data, DataViewSchema.Column label)
    {
        int positives = data.Targets.Count(t => t == 1f);
        if (positives == 0 || positives == data.Rows)
            throw new ArgumentException(
                $"Label column '{label.Name}' holds only {(positives == 0 ? "false" : "true")} values in all {data.Rows} training rows; a binary classifier needs examples of both classes.");
    }

    private protected override ILoss CreateLoss(LabelDescription label) => new SigmoidBinaryCrossEntropyLoss(TrainerOptions.PositiveClassWeight);

    private protected override MlpBinaryPredictionTransformer CreateTransformer(MlpModelParameters model, string featureColumnName) => new(model, featureColumnName);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => ScoreColumnShapes.Binary();
}
