using Microsoft.ML.Runtime;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// Trains a multilayer perceptron for regression (squared error or Huber loss) on a Single label;
/// the output is ML.NET's Score. Create it with <c>mlContext.Regression.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpRegressionTrainer : MlpTrainerBase<MlpRegressionPredictionTransformer, MlpRegressionTrainer.Options>
{
    /// <summary>The regression loss.</summary>
    public enum LossFunction
    {
        /// <summary>Mean squared error: the maximum-likelihood choice for Gaussian noise.</summary>
        SquaredError = 0,
        /// <summary>Huber loss: squared near zero, linear beyond <see cref="Options.HuberDelta"/>; robust to outliers.</summary>
        Huber = 1,
    }

    /// <summary>Options of <see cref="MlpRegressionTrainer"/>.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>The loss. Default squared error, which matches ML.NET's RMSE-based evaluation.</summary>
        public LossFunction Loss { get; set; } = LossFunction.SquaredError;

        /// <summary>Residual where the Huber loss turns linear, in label units, above 0. Default 1 (scale it to your label).</summary>
        public float HuberDelta { get; set; } = 1f;

        /// <summary>
        /// Train on the standardized label, (y − mean) / standard deviation of the training labels, and map the
        /// predictions back (a final fixed layer of the model), so that Score stays in the label's units while the
        /// learning rate and initialisation suit every label scale. Default true.
        /// </summary>
        public bool StandardizeLabel { get; set; } = true;
    }

    internal MlpRegressionTrainer(IHostEnvironment environment, Options options) : base(environment, options, nameof(MlpRegressionTrainer))
    {
    }

    private protected override MlpTaskDefinition Task => RegressionTask.Instance;

    private protected override TargetStandardization? StandardizeTargets(TrainingData train, TrainingData? validation) =>
        TrainerOptions.StandardizeLabel ? TargetStandardization.Apply(train, validation) : null;

    private protected override ILoss CreateLoss(LabelDescription label, TargetStandardization? targets) => TrainerOptions.Loss switch
    {
        LossFunction.SquaredError => new MeanSquaredErrorLoss(),
        LossFunction.Huber => new HuberLoss(TrainerOptions.HuberDelta / (float)(targets?.Scale ?? 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(Options.Loss), TrainerOptions.Loss, "Unknown regression loss."),
    };

    private protected override MlpRegressionPredictionTransformer CreateTransformer(MlpModelParameters model, string featureColumnName) => new(model, featureColumnName);
}
