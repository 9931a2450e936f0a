using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Core.Training;
using MlNetNeural.FineTuning;

namespace MlNetNeural.Trainers;

/// <summary>
/// Options shared by the MLP trainers. The defaults aim at a good model on typical tabular data
/// (hundreds to tens of thousands of normalized rows) with nothing set; each property says why.
/// </summary>
public abstract class MlpTrainerOptions
{
    /// <summary>
    /// The defaults that belong to the ML.NET trainers (chosen for tabular data; see docs/trainers.md). Every other
    /// default is the numeric core's own: <see cref="TrainerSettings.Defaults"/>, <see cref="OptimizerSettings.Defaults"/>
    /// and <see cref="ScheduleSettings.Defaults"/>.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Units per hidden layer: [64, 32].</summary>
        public static IReadOnlyList<int> HiddenLayers { get; } = [64, 32];

        /// <summary>Hidden activation: ReLU.</summary>
        public const ActivationKind Activation = ActivationKind.ReLU;

        /// <summary>Dropout after each hidden layer: 0.1.</summary>
        public const float Dropout = 0.1f;

        /// <summary>
        /// Learning rate: 3e-3, three times Adam's usual 1e-3 (Kingma and Ba 2015). With a seed ensemble and the cosine decay
        /// of <see cref="LearningRateSchedule"/> it moved the tables where trees led furthest towards LightGbm on the quality
        /// suite (concrete's RMSE gap −15.5 % → −5.1 %, HPC +0.8 points, Ames +1.8 %; docs/trainers.md).
        /// </summary>
        public const float LearningRate = 3e-3f;

        /// <summary>
        /// Learning-rate schedule when <see cref="MlpTrainerOptions.LearningRateSchedule"/> is left automatic: cosine decay to 0 over
        /// <see cref="MaxEpochs"/> after one warm-up epoch, so that the larger early steps end in small ones (Loshchilov and
        /// Hutter 2017; RealMLP also decays its rate to 0, Holzmüller et al. 2024). Federated training uses a constant rate instead.
        /// </summary>
        public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.CosineWithWarmup;

        /// <summary>
        /// Most passes over the training data: 200. Small tables, which have no automatic validation split, train all of them
        /// (concrete was under-fitted with 100); larger ones usually stop early.
        /// </summary>
        public const int MaxEpochs = 200;

        /// <summary>L2 penalty: 1e-4, scikit-learn's MLP default alpha.</summary>
        public const float L2Penalty = 1e-4f;

        /// <summary>Input scaling inside the model: robust (median and interquartile range, as RealMLP).</summary>
        public const InputScaling InputScaling = Core.Training.InputScaling.Robust;

        /// <summary>Bound of the smooth clip after the input scaling: 3 (RealMLP).</summary>
        public const float InputClipBound = 3f;

        /// <summary>Train a per-feature gain after the input scaling: no.</summary>
        public const bool LearnableInputGain = false;

        /// <summary>
        /// Log-compress long-tailed non-negative features before the input scaling (<see cref="MlpTrainerOptions.CompressSkewedFeatures"/>
        /// left automatic): no. On the quality suite it helped single tables (concrete 3 % RMSE) but left the median gap to
        /// LightGbm where it was (docs/trainers.md), so the default stays as it was measured.
        /// </summary>
        public const bool CompressSkewedFeatures = false;

        /// <summary>Sample skewness from which a non-negative feature with more than two values is log-compressed: 2 (1 also compressed a few mildly skewed features and cost LA ozone 1.9 % RMSE; docs/trainers.md).</summary>
        public const float CompressionSkewnessThreshold = 2f;

        /// <summary>
        /// Numeric features up to which <see cref="PeriodicEmbeddings"/> left automatic embeds them: 256. Wider inputs are
        /// usually pixels or other signals, where the embeddings cost much (16 periodic features per input) and were
        /// measured not to help (docs/trainers.md).
        /// </summary>
        public const int PeriodicEmbeddingsMaximumFeatures = 256;

        /// <summary>
        /// Multiplies the learning rate for the periodic embeddings' parameters when <see cref="MlpTrainerOptions.PeriodicEmbeddingLearningRateFactor"/>
        /// is automatic, except for a classifier without a validation set or split: 3. RealMLP's 0.1 (the numeric core's
        /// <see cref="PeriodicEmbeddingSpec.DefaultLearningRateFactor"/>) goes with its larger learning rates (0.04 and 0.2); at
        /// our 3e-3 it left the embeddings near their initial frequencies, and 3 moved the quality suite's median gap to LightGbm
        /// most (docs/trainers.md, sixth and seventh rounds).
        /// </summary>
        public const float PeriodicEmbeddingLearningRateFactor = 3f;

        /// <summary>
        /// Epochs of annealing when early stopping's patience runs out before <see cref="MaxEpochs"/>: 5. Under the 200-epoch
        /// cosine decay the patience usually runs out while the rate is near its peak; five epochs of decay to 0 before stopping
        /// raised Fashion-MNIST with only <see cref="MlpTrainerOptions.HiddenLayers"/> set from 0.872-0.877 to 0.891-0.894 (three
        /// seeds) and the larger tables' regression targets by 0.5-1.7 % of RMSE, and left the quality suite's medians within a
        /// seed's noise at 1-3 % more fit time (ten epochs gained no more; docs/trainers.md, eighth round).
        /// </summary>
        public const int EarlyStoppingAnnealingEpochs = 5;

        /// <summary>Training rows from which the automatic validation split is used: 1,000.</summary>
        public const int AutomaticValidationMinimumRows = 1000;

        /// <summary>Share of the training rows the automatic validation split holds out: 0.1.</summary>
        public const float AutomaticValidationFraction = 0.1f;

        /// <summary>
        /// Training rows from which an automatic <see cref="MlpTrainerOptions.MemberValidationFolds"/> lets a classifier's
        /// ensemble members hold out their own folds (below <see cref="AutomaticValidationMinimumRows"/>): 250, so that each of
        /// ten folds holds at least 25 rows; the quality suite's smallest table trains on 275 (docs/trainers.md, seventh round).
        /// </summary>
        public const int MemberFoldsMinimumRows = 250;


        /// <summary>
        /// Networks an automatic <see cref="MlpTrainerOptions.EnsembleSize"/> trains and averages where one fit is cheap: 5
        /// (measured against 1 and 3 on the quality suite, docs/trainers.md).
        /// </summary>
        public const int AutomaticEnsembleSize = 5;

        /// <summary>
        /// Training values (rows × features) up to which an automatic <see cref="MlpTrainerOptions.EnsembleSize"/> trains
        /// <see cref="AutomaticEnsembleSize"/> networks: 10,000,000 (MNIST-10k's 8,000 × 673 is below, Fashion-MNIST's
        /// 60,000 × 784 above). Larger data trains one network, whose fit is already long and varies less with the seed.
        /// </summary>
        public const long AutomaticEnsembleMaximumValues = 10_000_000;
    }

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
    public int[] HiddenLayers { get; set; } = [.. Defaults.HiddenLayers];

    /// <summary>
    /// How the first layer of the network scales the features, fitted on the training rows and stored in the model
    /// (so the result does not depend on the normalizer before the trainer, or on whether there is one). Default
    /// <see cref="InputScaling.Robust"/>: median and interquartile range, then a smooth clip at ±<see cref="InputClipBound"/>.
    /// <see cref="InputScaling.None"/> turns it off.
    /// </summary>
    public InputScaling InputScaling { get; set; } = Defaults.InputScaling;

    /// <summary>Bound b of the smooth clip z / √(1 + (z/b)²) after the input scaling; 0 turns the clip off. Default 3.</summary>
    public float InputClipBound { get; set; } = Defaults.InputClipBound;

    /// <summary>Train a per-feature gain after the input scaling (RealMLP's scaling layer). Default false.</summary>
    public bool LearnableInputGain { get; set; } = Defaults.LearnableInputGain;

    /// <summary>
    /// Periodic embeddings of the numeric features (those with more than two values in the training rows) after the
    /// input scaling: each gets 16 trained periodic features mapped to 3 values, beside the feature itself (RealMLP's
    /// PBLD embeddings; Gorishniy et al. 2022); they help most on tables where gradient-boosted trees shine. Default null
    /// (automatic): on when there are at most <see cref="Defaults.PeriodicEmbeddingsMaximumFeatures"/> numeric features.
    /// true embeds always, false never.
    /// </summary>
    public bool? PeriodicEmbeddings { get; set; }

    /// <summary>
    /// The feature slot from which <see cref="PeriodicEmbeddings"/> embeds nothing and the automatic choice counts nothing:
    /// slots at and past it are not measurements, e.g. the hashed word counts of free text that <c>MlNetNeural.Tabular</c>
    /// places last (each slot embedded takes 16 periodic features and four first-layer inputs: a police_deaths trial with
    /// 512 text slots embedded was cut after 17.5 s at 22 epochs, 7 s without). Default null: every slot may be embedded.
    /// </summary>
    public int? PeriodicEmbeddingsSlotLimit { get; set; }

    /// <summary>
    /// Multiplies the learning rate for the periodic embeddings' frequencies, phases and linear maps. Default null (automatic):
    /// 3 (<see cref="Defaults.PeriodicEmbeddingLearningRateFactor"/>) for regression and for classifiers with a validation set
    /// or split (a <see cref="ValidationFraction"/> above 0, or the automatic one from
    /// <see cref="Defaults.AutomaticValidationMinimumRows"/> training rows); RealMLP's 0.1
    /// (<see cref="PeriodicEmbeddingSpec.DefaultLearningRateFactor"/>, the default before 2026-12-01) for smaller classifiers.
    /// Faster embeddings learn sharp functions of a feature: on the quality suite they moved the tables where gradient-boosted
    /// trees lead towards LightGbm (concrete 6.5 % RMSE, HPC 1.5 points), but on small classification tables they made the
    /// probabilities over-confident (WDBC's log-loss 0.037 → 0.137) and fitted the noise features of a 300-row table with a
    /// free-text column (docs/trainers.md, sixth and seventh rounds). <c>mlnn</c> searches 0.1 to 3. When set, a finite number
    /// above 0.
    /// </summary>
    public float? PeriodicEmbeddingLearningRateFactor { get; set; }

    /// <summary>
    /// Log-compress long-tailed features inside the model, before the input scaling: a feature that is never negative on
    /// the training rows, has more than two distinct values and a sample skewness of at least
    /// <see cref="Defaults.CompressionSkewnessThreshold"/> (amounts, counts, word frequencies) enters the network as
    /// ln(1 + x/s), s the median of its positive values, so the robust scaling and its clip keep the order of its tail
    /// instead of squashing it. Trees do not need this (a monotone transform does not change their splits); an MLP does:
    /// try it on amounts and counts. Applies only when <see cref="InputScaling"/> is not None; MLContext.Log names the
    /// compressed features. Default null (automatic): <see cref="Defaults.CompressSkewedFeatures"/> (off); federated
    /// training never compresses (its scaling comes from pooled sums). true compresses, false never.
    /// </summary>
    public bool? CompressSkewedFeatures { get; set; }

    /// <summary>Activation of the hidden layers. Default ReLU, the standard choice for MLPs (fast, no vanishing gradient).</summary>
    public ActivationKind Activation { get; set; } = Defaults.Activation;

    /// <summary>Negative-side slope when <see cref="Activation"/> is LeakyReLU, in [0, 1). Default 0.01.</summary>
    public float LeakyReluSlope { get; set; } = Core.Activations.Activation.DefaultLeakySlope;

    /// <summary>Dropout rate after each hidden layer, in [0, 1). Default 0.1: light regularisation that rarely hurts small data sets; raise it (0.2-0.5) when the network overfits.</summary>
    public float Dropout { get; set; } = Defaults.Dropout;

    /// <summary>Initial weight distribution; null (default) picks He for ReLU-family and GELU, Glorot otherwise.</summary>
    public WeightInitialization? Initialization { get; set; }

    /// <summary>Optimizer. Default Adam: robust to the learning rate and to unscaled gradients.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerSettings.Defaults.Kind;

    /// <summary>
    /// Learning rate. Default 3e-3 (<see cref="Defaults.LearningRate"/>), decayed by the automatic cosine schedule; with
    /// <see cref="LearningRateScheduleKind.Constant"/>, Adam's usual 1e-3 (Kingma and Ba 2015) is the safer choice. SGD usually wants 0.01-0.1.
    /// </summary>
    public float LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>SGD momentum in [0, 1). Default 0.9. Used only with <see cref="OptimizerKind.Sgd"/>.</summary>
    public float Momentum { get; set; } = OptimizerSettings.Defaults.Momentum;

    /// <summary>Use Nesterov momentum with SGD. Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>Adam β₁. Default 0.9 (Kingma and Ba 2015).</summary>
    public float Beta1 { get; set; } = OptimizerSettings.Defaults.Beta1;

    /// <summary>Adam β₂. Default 0.999 (Kingma and Ba 2015).</summary>
    public float Beta2 { get; set; } = OptimizerSettings.Defaults.Beta2;

    /// <summary>Adam ε. Default 1e-8.</summary>
    public float Epsilon { get; set; } = OptimizerSettings.Defaults.Epsilon;

    /// <summary>Decoupled weight decay λ for <see cref="OptimizerKind.AdamW"/>. Default 0.01 (PyTorch's default).</summary>
    public float WeightDecay { get; set; } = OptimizerSettings.Defaults.WeightDecay;

    /// <summary>L2 penalty λ on weights (added to their gradients, all optimizers). Default 1e-4, scikit-learn's MLP default alpha.</summary>
    public float L2Penalty { get; set; } = Defaults.L2Penalty;

    /// <summary>Largest global gradient norm; null (default) turns clipping off. Set it (e.g. 5) if training diverges.</summary>
    public float? GradientClipNorm { get; set; }

    /// <summary>
    /// Learning-rate schedule. Default null (automatic): <see cref="Defaults.LearningRateSchedule"/>, cosine decay over
    /// <see cref="MaxEpochs"/> after <see cref="WarmupEpochs"/> of warm-up (a constant rate when there are no more epochs than
    /// that; <see cref="ResolveLearningRateSchedule"/>); federated training, where a schedule would restart every round, uses a constant rate.
    /// </summary>
    public LearningRateScheduleKind? LearningRateSchedule { get; set; }

    /// <summary>
    /// The schedule training uses: <see cref="LearningRateSchedule"/> when set; left automatic,
    /// <see cref="Defaults.LearningRateSchedule"/>, or <see cref="LearningRateScheduleKind.Constant"/> when <see cref="MaxEpochs"/>
    /// leaves no epoch after the <see cref="WarmupEpochs"/> of warm-up to decay in (e.g. a run of one epoch).
    /// </summary>
    public LearningRateScheduleKind ResolveLearningRateSchedule() =>
        LearningRateSchedule ?? (MaxEpochs > WarmupEpochs ? Defaults.LearningRateSchedule : LearningRateScheduleKind.Constant);

    /// <summary>Epochs between reductions for <see cref="LearningRateScheduleKind.StepDecay"/>. Default 10.</summary>
    public int StepDecayEpochs { get; set; } = ScheduleSettings.Defaults.StepDecayEpochs;

    /// <summary>Multiplier at each step-decay reduction, in (0, 1]. Default 0.5.</summary>
    public float StepDecayFactor { get; set; } = ScheduleSettings.Defaults.StepDecayFactor;

    /// <summary>Linear warm-up epochs for <see cref="LearningRateScheduleKind.CosineWithWarmup"/>. Default 1.</summary>
    public double WarmupEpochs { get; set; } = ScheduleSettings.Defaults.WarmupEpochs;

    /// <summary>Final rate of the cosine schedule as a fraction of the learning rate, in [0, 1]. Default 0.</summary>
    public float MinimumLearningRateFactor { get; set; } = ScheduleSettings.Defaults.MinimumFactor;

    /// <summary>Multiplier when the validation loss stalls, for <see cref="LearningRateScheduleKind.ReduceOnPlateau"/>. Default 0.5.</summary>
    public float PlateauFactor { get; set; } = ScheduleSettings.Defaults.PlateauFactor;

    /// <summary>Epochs without improvement before a plateau reduction. Default 5 (half the early-stopping patience).</summary>
    public int PlateauPatience { get; set; } = ScheduleSettings.Defaults.PlateauPatience;

    /// <summary>Rows per mini-batch. Default 32, a common default (Keras) that generalises well on small data.</summary>
    public int BatchSize { get; set; } = TrainerSettings.Defaults.BatchSize;

    /// <summary>
    /// Most passes over the training data. Default 200 (<see cref="Defaults.MaxEpochs"/>). With validation data (see
    /// <see cref="ValidationFraction"/>), early stopping may end training sooner. The cosine schedule decays over this many epochs.
    /// </summary>
    public int MaxEpochs { get; set; } = Defaults.MaxEpochs;

    /// <summary>
    /// Fraction of the training rows held out for early stopping when Fit gets no validation set, in [0, 1);
    /// stratified by class for classification. Default null (automatic): with at least
    /// <see cref="Defaults.AutomaticValidationMinimumRows"/> training rows, <see cref="Defaults.AutomaticValidationFraction"/>
    /// is held out, training stops early and keeps the best epoch's weights; with fewer rows, every row trains and the
    /// last epoch's weights are kept (a hold-out of a small table costs rows and is a noisy stopping signal; see
    /// docs/trainers.md), except that a classifier's ensemble holds out the members' own folds instead
    /// (<see cref="MemberValidationFolds"/>). 0 turns the hold-out off.
    /// </summary>
    public float? ValidationFraction { get; set; }

    /// <summary>
    /// For an ensemble (<see cref="EnsembleSize"/> above 1) trained without validation data (no validation set, and
    /// <see cref="ValidationFraction"/> 0 or automatic below <see cref="Defaults.AutomaticValidationMinimumRows"/> training
    /// rows): each member holds out its own fold of the training rows (a tenth, stratified by class) for early
    /// stopping and best-epoch restore, so every member stops before it over-fits and the members together still train on every
    /// row. Default null (automatic): on for classifiers from <see cref="Defaults.MemberFoldsMinimumRows"/> training rows whose
    /// rarest class has at least one row for each of the ten folds (otherwise a member could validate without it), where
    /// it made the probabilities far better calibrated on the quality suite's small tables (log-loss: German credit 2.1 → 0.70
    /// bits, WDBC 0.24 → 0.15, musk 0.60 → 0.44) at a cost in ranking on some (musk's AUC −1.2 points, a 300-row table with a
    /// noisy free-text column −0.3 to −2.6); off for regression (concrete's RMSE rose 16 % with it) and smaller tables. true
    /// is refused where it cannot apply (a single network, validation data); false turns it off (docs/trainers.md, seventh round).
    /// </summary>
    public bool? MemberValidationFolds { get; set; }

    /// <summary>With validation data (a validation set passed to Fit, or <see cref="ValidationFraction"/> above 0): stop after this many epochs without a validation-loss improvement and keep the best epoch's weights; 0 turns early stopping off. Default 10 (scikit-learn's n_iter_no_change).</summary>
    public int EarlyStoppingPatience { get; set; } = TrainerSettings.Defaults.EarlyStoppingPatience;

    /// <summary>Smallest decrease of the validation loss that counts as an improvement for early stopping. Default 0.</summary>
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>
    /// When early stopping's patience runs out before <see cref="MaxEpochs"/>: train this many more epochs while the learning
    /// rate falls from where the schedule left it to 0 along a half cosine, then stop, keeping the best epoch by validation
    /// loss (these included); 0 stops at once. Default <see cref="Defaults.EarlyStoppingAnnealingEpochs"/> (5).
    /// </summary>
    public int EarlyStoppingAnnealingEpochs { get; set; } = Defaults.EarlyStoppingAnnealingEpochs;

    /// <summary>
    /// Networks to train and average (a seed ensemble), at least 1. With more than 1, Fit trains that many networks of these
    /// options on the same rows and the same validation split, each with its own seed (the first with <see cref="Seed"/>
    /// itself, so it is the network a single fit gives; the others with seeds derived from it), each with early stopping
    /// and best-epoch restore, and merges them into one network whose outputs are the mean of theirs: the model is still
    /// one network, so scoring, Save/Load, ONNX export, feature contributions and Monte-Carlo dropout work as for any model.
    /// It costs K times the training time and K to K² times the model's size and scoring time, and usually buys accuracy
    /// and stability (docs/trainers.md measures it). Not with <see cref="FineTuning"/> or <see cref="Pruning"/> (fine-tune or
    /// prune the ensemble's model afterwards instead). Default null (automatic): <see cref="Defaults.AutomaticEnsembleSize"/>
    /// networks when the training data holds at most <see cref="Defaults.AutomaticEnsembleMaximumValues"/> values
    /// (rows × features), one network for larger data and whenever the model is fine-tuned, warm-started or pruned.
    /// Set 1 for one network (the cheapest fit and the smallest, fastest model).
    /// </summary>
    public int? EnsembleSize { get; set; }

    /// <summary>Seed for initial weights, validation split, shuffling and dropout. Default null: drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Threads for the matrix products; null (default) uses every core. The trained model does not depend on it.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Fine-tune a trained model instead of training a new one: which layers train, a new output layer, LoRA adapters. Default null. See docs/fine-tuning.md.</summary>
    public MlpFineTuningOptions? FineTuning { get; set; }

    /// <summary>Magnitude pruning during training, with sparse storage of the result. Default null (no pruning). See docs/pruning.md.</summary>
    public MlpPruningOptions? Pruning { get; set; }

    /// <summary>Called after every epoch with its losses, metric and timing (progress also goes to MLContext.Log).</summary>
    public Action<EpochReport>? ProgressCallback { get; set; }

    /// <summary>
    /// Cancels training within the current mini-batch (between chunks of its matrix products, so even a very large batch
    /// stops at once); Fit then returns the model with the weights its history names (the best epoch's with validation
    /// data, else the last completed epoch's, or the initial weights when no epoch completed). Default none.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }
}
