namespace MlNetNeural.Core.Schedules;

/// <summary>Multiplies the rate by <see cref="Factor"/> every <see cref="EpochsPerStep"/> epochs: η·factor^⌊epoch/epochsPerStep⌋.</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="epochsPerStep">Epochs between reductions, at least 1.</param>
    /// <param name="factor">Multiplier at each reduction, in (0, 1].</param>
    public StepDecaySchedule(int epochsPerStep, float factor)
    {
        if (epochsPerStep < 1) throw SettingOutOfRange.Create(nameof(ScheduleSettings.StepDecayEpochs), epochsPerStep, "must be at least 1");
        if (!(factor > 0f && factor <= 1f)) throw SettingOutOfRange.Create(nameof(ScheduleSettings.StepDecayFactor), factor, "must be in (0, 1]");
        EpochsPerStep = epochsPerStep;
        Factor = factor;
    }

    /// <summary>Epochs between reductions.</summary>
    public int EpochsPerStep { get; }

    /// <summary>Multiplier at each reduction.</summary>
    public float Factor { get; }

    /// <inheritdoc />
    public override float Rate(ScheduleContext context) => context.BaseRate * MathF.Pow(Factor, context.Epoch / EpochsPerStep);
}
