namespace MlNetNeural.Trainers;

/// <summary>How the learning rate changes during training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The learning rate throughout.</summary>
    Constant = 0,
    /// <summary>Multiply by <see cref="MlpTrainerOptions.StepDecayFactor"/> every <see cref="MlpTrainerOptions.StepDecayEpochs"/> epochs.</summary>
    StepDecay = 1,
    /// <summary>Linear warm-up over <see cref="MlpTrainerOptions.WarmupEpochs"/>, then cosine annealing to the end of <see cref="MlpTrainerOptions.MaxEpochs"/>.</summary>
    CosineWithWarmup = 2,
    /// <summary>Multiply by <see cref="MlpTrainerOptions.PlateauFactor"/> when the validation loss stalls for <see cref="MlpTrainerOptions.PlateauPatience"/> epochs.</summary>
    ReduceOnPlateau = 3,
}
