using Microsoft.ML.Runtime;
using MlNetNeural.Core.Losses;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
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
    public sealed class Options : MlpClassifierOptions
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

    private protected override MlpTaskDefinition Task => BinaryClassificationTask.Instance;

    private protected override ILoss CreateLoss(LabelDescription label, TargetStandardization? targets) => new SigmoidBinaryCrossEntropyLoss(TrainerOptions.PositiveClassWeight, TrainerOptions.LabelSmoothing);

    private protected override MlpBinaryPredictionTransformer CreateTransformer(MlpModelParameters model, string featureColumnName) => new(model, featureColumnName);
}
