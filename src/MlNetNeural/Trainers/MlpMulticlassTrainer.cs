using Microsoft.ML.Runtime;
using MlNetNeural.Core.Losses;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// Trains a multilayer perceptron for multiclass classification with softmax cross-entropy. The label
/// is a key (use <c>MapValueToKey</c>); outputs are ML.NET's PredictedLabel (key with the class names)
/// and Score (class probabilities). Create it with <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpMulticlassTrainer : MlpTrainerBase<MlpMulticlassPredictionTransformer, MlpMulticlassTrainer.Options>
{
    /// <summary>Options of <see cref="MlpMulticlassTrainer"/>.</summary>
    public sealed class Options : MlpClassifierOptions
    {
        /// <summary>
        /// Optional weight per class, in key order (the order of the label's key values), each finite and not
        /// negative. Default null: every class weighs 1. Use inverse class frequencies to balance rare classes.
        /// </summary>
        public float[]? ClassWeights { get; set; }
    }

    internal MlpMulticlassTrainer(IHostEnvironment environment, Options options) : base(environment, options, nameof(MlpMulticlassTrainer))
    {
    }

    private protected override MlpTaskDefinition Task => MulticlassClassificationTask.Instance;

    private protected override ILoss CreateLoss(LabelDescription label, TargetStandardization? targets) => new SoftmaxCrossEntropyLoss(label.ClassNames.Count, TrainerOptions.ClassWeights, TrainerOptions.LabelSmoothing);

    private protected override MlpMulticlassPredictionTransformer CreateTransformer(MlpModelParameters model, string featureColumnName) => new(model, featureColumnName);
}
