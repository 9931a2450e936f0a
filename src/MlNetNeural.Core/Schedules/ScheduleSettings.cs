namespace MlNetNeural.Core.Schedules;

/// <summary>
/// Which learning-rate schedule to use and its parameters. Immutable: <see cref="Create"/> makes a fresh
/// schedule with empty state for each training run, so runs that share settings never share state.
/// Derive from it and override <see cref="Create"/> for a schedule of your own.
/// </summary>
public record ScheduleSettings
{
    /// <summary>The default of each setting, in one place (read by the ML.NET trainers' options too).</summary>
    public static class Defaults
    {
        /// <summary>Constant: the simplest schedule, and the one whose behaviour does not depend on the epoch budget.</summary>
        public const LearningRateScheduleKind Kind = LearningRateScheduleKind.Constant;

        /// <summary>Epochs between step-decay reductions: 10.</summary>
        public const int StepDecayEpochs = 10;

        /// <summary>Step-decay multiplier: 0.5.</summary>
        public const float StepDecayFactor = 0.5f;

        /// <summary>Warm-up epochs of the cosine schedule: 1.</summary>
        public const double WarmupEpochs = 1;

        /// <summary>Final cosine rate as a fraction of the base rate: 0.</summary>
        public const float MinimumFactor = 0f;

        /// <summary>Plateau multiplier: 0.5.</summary>
        public const float PlateauFactor = 0.5f;

        /// <summary>Epochs without improvement before a plateau reduction: 5 (half the early-stopping patience).</summary>
        public const int PlateauPatience = 5;

        /// <summary>Relative improvement that resets the plateau count: 1e-4, as in Keras and PyTorch.</summary>
        public const double PlateauThreshold = 1e-4;
    }

    /// <summary>The schedule. Default <see cref="LearningRateScheduleKind.Constant"/>.</summary>
    public LearningRateScheduleKind Kind { get; init; } = Defaults.Kind;

    /// <summary>Epochs between reductions for <see cref="LearningRateScheduleKind.StepDecay"/>, at least 1. Default 10.</summary>
    public int StepDecayEpochs { get; init; } = Defaults.StepDecayEpochs;

    /// <summary>Multiplier at each step-decay reduction, in (0, 1]. Default 0.5.</summary>
    public float StepDecayFactor { get; init; } = Defaults.StepDecayFactor;

    /// <summary>Linear warm-up epochs for <see cref="LearningRateScheduleKind.CosineWithWarmup"/>, 0 or more (may be fractional). Default 1.</summary>
    public double WarmupEpochs { get; init; } = Defaults.WarmupEpochs;

    /// <summary>Final rate of the cosine schedule as a fraction of the base rate, in [0, 1]. Default 0.</summary>
    public float MinimumFactor { get; init; } = Defaults.MinimumFactor;

    /// <summary>Multiplier at each plateau reduction, in (0, 1). Default 0.5.</summary>
    public float PlateauFactor { get; init; } = Defaults.PlateauFactor;

    /// <summary>Epochs without improvement before a plateau reduction, at least 1. Default 5.</summary>
    public int PlateauPatience { get; init; } = Defaults.PlateauPatience;

    /// <summary>Relative improvement of the monitored loss that counts for the plateau rule. Default 1e-4.</summary>
    public double PlateauThreshold { get; init; } = Defaults.PlateauThreshold;

    /// <summary>A new schedule with these settings and no state; each training run calls this once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting of the chosen kind is out of range (the message names it).</exception>
    public virtual LearningRateSchedule Create() => Kind switch
    {
        LearningRateScheduleKind.Constant => new ConstantSchedule(),
        LearningRateScheduleKind.StepDecay => new StepDecaySchedule(StepDecayEpochs, StepDecayFactor),
        LearningRateScheduleKind.CosineWithWarmup => new CosineWarmupSchedule(WarmupEpochs, MinimumFactor),
        LearningRateScheduleKind.ReduceOnPlateau => new ReduceOnPlateauSchedule(PlateauFactor, PlateauPatience, minimumRate: 0f, PlateauThreshold),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown learning-rate schedule."),
    };
}
