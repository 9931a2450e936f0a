using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Trainers;

/// <summary>
/// Options shared by the MLP trainers. The defaults aim at a good model on typical tabular data
/// (hundreds to tens of thousands of normalized rows) with nothing set; each property says why.
/// </summary>
public abstract class MlpTrainerOptions
{
    /// <summary>Label column. Default "Label", as in ML.NET.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Feature column: a known-size vector of Single (normalize it first). Default "Features", as in ML.NET.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Optional column of per-row weights (Single, finite, not negative). Default none.</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>
    /// Units in each hidden layer, input side first. Default [64, 32]: two modest layers fit the
    /// non-linearities of most tabular problems without the data-hunger of wide networks;
    /// use [] for a linear model, or wider layers (e.g. [256]) for images and pixel data.
    /// </summary>
    public int[] HiddenLayers { get; set; } = [64, 32];

    /// <summary>Activation of the hidden layers. Default ReLU, the standard choice for MLPs (fast, no vanishing gradient).</summary>
    public ActivationKind Activation { get; set; } = ActivationKind.ReLU;

    /// <summary>Negative-side slope when <see cref="Activation"/> is LeakyReLU, in [0, 1). Default 0.01.</summary>
    public float LeakyReluSlope { get; set; } = Core.Activations.Activation.DefaultLeakySlope;

    /// <summary>Dropout rate after each hidden layer, in [0, 1). Default 0.1: light regularisation that rarely hurts small data sets; raise it (0.2-0.5) when the network overfits.</summary>
    public float Dropout { get; set; } = 0.1f;

    /// <summary>Initial weight distribution; null (default) picks He for ReLU-family and GELU, Glorot otherwise.</summary>
    public WeightInitialization? Initialization { get; set; }

    /// <summary>Optimizer. Default Adam: robust to the learning rate and to unscaled gradients.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Learning rate. Default 1e-3, Adam's recommended step (Kingma and Ba 2015); SGD usually wants 0.01-0.1.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>SGD momentum in [0, 1). Default 0.9. Used only with <see cref="OptimizerKind.Sgd"/>.</summary>
    public float Momentum { get; set; } = 0.9f;

    /// <summary>Use Nesterov momentum with SGD. Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>Adam β₁. Default 0.9 (Kingma and Ba 2015).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Adam β₂. Default 0.999 (Kingma and Ba 2015).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Adam ε. Default 1e-8.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>Decoupled weight decay λ for <see cref="OptimizerKind.AdamW"/>. Default 0.01 (PyTorch's default).</summary>
    public float WeightDecay { get; set; } = 0.01f;

    /// <summary>L2 penalty λ on weights (added to their gradients, all optimizers). Default 1e-4, scikit-learn's MLP default alpha.</summary>
    public float L2Penalty { get; set; } = 1e-4f;

    /// <summary>Largest global gradient norm; null (default) turns clipping off. Set it (e.g. 5) if training diverges.</summary>
    public float? GradientClipNorm { get; set; }

    /// <summary>Learning-rate schedule. Default constant.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.Constant;

    /// <summary>Epochs between reductions for <see cref="LearningRateScheduleKind.StepDecay"/>. Default 10.</summary>
    public int StepDecayEpochs { get; set; } = 10;

    /// <summary>Multiplier at each step-decay reduction, in (0, 1]. Default 0.5.</summary>
    public float StepDecayFactor { get; set; } = 0.5f;

    /// <summary>Linear warm-up epochs for <see cref="LearningRateScheduleKind.CosineWithWarmup"/>. Default 1.</summary>
    public double WarmupEpochs { get; set; } = 1;

    /// <summary>Final rate of the cosine schedule as a fraction of the learning rate, in [0, 1]. Default 0.</summary>
    public float MinimumLearningRateFactor { get; set; }

    /// <summary>Multiplier when the validation loss stalls, for <see cref="LearningRateScheduleKind.ReduceOnPlateau"/>. Default 0.5.</summary>
    public float PlateauFactor { get; set; } = 0.5f;

    /// <summary>Epochs without improvement before a plateau reduction. Default 5 (half the early-stopping patience).</summary>
    public int PlateauPatience { get; set; } = 5;

    /// <summary>Rows per mini-batch. Default 32, a common default (Keras) that generalises well on small data.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Most passes over the training data. Default 100; early stopping usually ends training sooner.</summary>
    public int MaxEpochs { get; set; } = 100;

    /// <summary>
    /// Fraction of the training rows held out for early stopping when Fit gets no validation set, in [0, 1);
    /// stratified by class for classification. Default 0: no hold-out, train for <see cref="MaxEpochs"/> and keep
    /// the last weights, as scikit-learn's MLP does by default: on small tabular data a hold-out costs rows and is
    /// a noisy stopping signal (see docs/trainers.md). For thousands of rows or more, 0.1-0.2 with early stopping
    /// saves time and overfitting.
    /// </summary>
    public float ValidationFraction { get; set; }

    /// <summary>With validation data (a validation set passed to Fit, or <see cref="ValidationFraction"/> above 0): stop after this many epochs without a validation-loss improvement and keep the best epoch's weights; 0 turns early stopping off. Default 10 (scikit-learn's n_iter_no_change).</summary>
    public int EarlyStoppingPatience { get; set; } = 10;

    /// <summary>Smallest decrease of the validation loss that counts as an improvement for early stopping. Default 0.</summary>
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>Seed for initial weights, validation split, shuffling and dropout. Default null: drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Threads for the matrix products; null (default) uses every core. The trained model does not depend on it.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Called after every epoch with its losses, metric and timing (progress also goes to MLContext.Log).</summary>
    public Action<EpochReport>? ProgressCallback { get; set; }

    /// <summary>Cancels training after the current mini-batch; the model keeps the best weights so far. Default none.</summary>
    public CancellationToken CancellationToken { get; set; }
}
