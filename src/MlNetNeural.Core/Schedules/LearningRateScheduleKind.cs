namespace MlNetNeural.Core.Schedules;

/// <summary>How the learning rate changes during training (see <see cref="ScheduleSettings"/>).</summary>
/// <remarks>The numeric values are stable; never renumber them.</remarks>
public enum LearningRateScheduleKind
{
    /// <summary>The learning rate throughout.</summary>
    Constant = 0,
    /// <summary>Multiply by <see cref="ScheduleSettings.StepDecayFactor"/> every <see cref="ScheduleSettings.StepDecayEpochs"/> epochs.</summary>
    StepDecay = 1,
    /// <summary>Linear warm-up over <see cref="ScheduleSettings.WarmupEpochs"/>, then cosine annealing to the end of training.</summary>
    CosineWithWarmup = 2,
    /// <summary>Multiply by <see cref="ScheduleSettings.PlateauFactor"/> when the monitored loss stalls for <see cref="ScheduleSettings.PlateauPatience"/> epochs.</summary>
    ReduceOnPlateau = 3,
}
