using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Schedules;

namespace MlNetNeural.Core.Training;

/// <summary>
/// How a network is trained. Every property has a working default; the settings are immutable, and the
/// optimizer and schedule they describe are created fresh for each run.
/// </summary>
public sealed record TrainerSettings
{
    /// <summary>The default of each setting, in one place (the ML.NET trainers' options read them where they agree).</summary>
    public static class Defaults
    {
        /// <summary>Base learning rate: 1e-3, Adam's recommended step (Kingma and Ba 2015).</summary>
        public const float LearningRate = 1e-3f;

        /// <summary>Rows per mini-batch: 32, a common default (Keras) that generalises well on small data.</summary>
        public const int BatchSize = 32;

        /// <summary>Upper bound on passes over the training data: 100.</summary>
        public const int MaxEpochs = 100;

        /// <summary>Epochs without a validation improvement before stopping: 10 (scikit-learn's n_iter_no_change).</summary>
        public const int EarlyStoppingPatience = 10;

        /// <summary>
        /// Fewest folds <see cref="MemberValidationFolds"/> deals the rows into: 10, so a member holds out at most a tenth of them
        /// (an ensemble of 2 would otherwise hold out halves). Measured against 5 on the small classification tables: the same
        /// log-loss, more ranking (musk +0.7 AUC points; docs/trainers.md, seventh round).
        /// </summary>
        public const int MinimumMemberFolds = 10;
    }

    /// <summary>Base learning rate, finite and above 0. Default 1e-3.</summary>
    public float LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Learning-rate schedule. Default constant.</summary>
    public ScheduleSettings Schedule { get; init; } = new();

    /// <summary>Optimizer and its hyper-parameters. Default Adam.</summary>
    public OptimizerSettings Optimizer { get; init; } = new();

    /// <summary>Rows per mini-batch, at least 1. Default 32.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Upper bound on passes over the training data, at least 1. Default 100.</summary>
    public int MaxEpochs { get; init; } = Defaults.MaxEpochs;

    /// <summary>L2 penalty λ on weight matrices (adds λ·W to their gradients). Default 0.</summary>
    public float L2Penalty { get; init; }

    /// <summary>Reference weights training is pulled towards (FedProx's proximal term); null (default) for none.</summary>
    public ProximalAnchor? Proximal { get; init; }

    /// <summary>
    /// Indices of the layers that train (fine-tuning with the others frozen); null (default) trains every layer. Frozen
    /// layers keep their parameters bit for bit, get no optimizer state, and compute no parameter gradients; nothing
    /// below the lowest trainable layer is back-propagated at all.
    /// </summary>
    public IReadOnlyList<int>? TrainableLayers { get; init; }

    /// <summary>Magnitude pruning during training (one-shot or gradual, with the pruned weights held at zero); null (default) for none.</summary>
    public PruningSettings? Pruning { get; init; }

    /// <summary>Largest global gradient norm; larger gradients are scaled down. Null (default) turns clipping off.</summary>
    public float? GradientClipNorm { get; init; }

    /// <summary>
    /// Fraction of the training rows held out for validation when no validation set is given, in [0, 1).
    /// Stratified by class for classification. Default 0: no hold-out, no early stopping (unless a validation set is given).
    /// </summary>
    public float ValidationFraction { get; init; }

    /// <summary>
    /// For an ensemble (<see cref="NetworkTrainer.TrainEnsemble"/>, at least 2 members) trained without validation data (no
    /// validation set given and <see cref="ValidationFraction"/> 0): each member holds out its own fold of the training rows for
    /// early stopping and best-epoch restore. The rows are dealt (stratified by class for classification) into as many folds as
    /// there are members, but at least <see cref="Defaults.MinimumMemberFolds"/>, and member r holds out fold r; so every member
    /// stops before it over-fits, and the members together still train on every row. Ignored for a single network and when there
    /// is validation data. Default false: every member trains on every row for <see cref="MaxEpochs"/> epochs.
    /// </summary>
    public bool MemberValidationFolds { get; init; }

    /// <summary>Stop after this many epochs without a validation-loss improvement, and restore the best epoch's weights. 0 disables early stopping. Default 10.</summary>
    public int EarlyStoppingPatience { get; init; } = Defaults.EarlyStoppingPatience;

    /// <summary>Smallest decrease of the validation loss that counts as an improvement. Default 0.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>
    /// When <see cref="EarlyStoppingPatience"/> runs out before <see cref="MaxEpochs"/>: train this many more epochs while the
    /// learning rate falls from where the schedule left it to 0 along a half cosine, then stop (<see cref="StopAnnealing"/>). The
    /// best epoch by validation loss, these included, is kept. Early stopping under a long schedule otherwise ends while the rate
    /// is still near its peak, before the network has had the small steps that settle it. Default 0: stop at once.
    /// </summary>
    public int EarlyStoppingAnnealingEpochs { get; init; }

    /// <summary>Seed for the initial weights, the validation split, shuffling and dropout. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads for the matrix products; 0 (default) uses every core. Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        Require(float.IsFinite(LearningRate) && LearningRate > 0f, nameof(LearningRate), LearningRate, "must be a finite number above 0 (try 1e-3)");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be at least 1");
        Require(MaxEpochs >= 1, nameof(MaxEpochs), MaxEpochs, "must be at least 1");
        Require(float.IsFinite(L2Penalty) && L2Penalty >= 0f, nameof(L2Penalty), L2Penalty, "must be 0 or more");
        Require(GradientClipNorm is null || (float.IsFinite(GradientClipNorm.Value) && GradientClipNorm > 0f), nameof(GradientClipNorm), GradientClipNorm, "must be above 0, or null to turn clipping off");
        Require(ValidationFraction >= 0f && ValidationFraction < 1f, nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
        Require(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be 0 (off) or more");
        Require(EarlyStoppingMinDelta >= 0, nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, "must be 0 or more");
        Require(EarlyStoppingAnnealingEpochs >= 0, nameof(EarlyStoppingAnnealingEpochs), EarlyStoppingAnnealingEpochs, "must be 0 (stop at once) or more");
        Require(Threads >= 0, nameof(Threads), Threads, "must be 0 (all cores) or more");
        ArgumentNullException.ThrowIfNull(Schedule);
        ArgumentNullException.ThrowIfNull(Optimizer);
        Schedule.Create();
        Optimizer.Create();
        if (Schedule.Kind == LearningRateScheduleKind.CosineWithWarmup && Schedule.WarmupEpochs >= MaxEpochs)
            throw SettingOutOfRange.Create(nameof(ScheduleSettings.WarmupEpochs), Schedule.WarmupEpochs,
                $"must be less than {nameof(MaxEpochs)} ({MaxEpochs}), or the learning rate never reaches {nameof(LearningRate)}");
        Pruning?.Validate(MaxEpochs);
    }

    /// <summary>The thread count to use: <see cref="Threads"/>, or every core when it is 0.</summary>
    public int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    private static void Require(bool condition, string name, object? value, string rule)
    {
        if (!condition) throw SettingOutOfRange.Create(name, value, rule);
    }
}
