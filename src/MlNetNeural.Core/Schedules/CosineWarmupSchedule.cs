namespace MlNetNeural.Core.Schedules;

/// <summary>
/// Linear warm-up from near 0 to the base rate over <see cref="WarmupEpochs"/>, then cosine annealing
/// (Loshchilov and Hutter 2017, without restarts) down to base·<see cref="MinimumFactor"/> at the last epoch.
/// Updated every mini-batch.
/// </summary>
public sealed class CosineWarmupSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="warmupEpochs">Epochs of linear warm-up (0 for none; may be fractional).</param>
    /// <param name="minimumFactor">Final rate as a fraction of the base rate, in [0, 1].</param>
    public CosineWarmupSchedule(double warmupEpochs, float minimumFactor)
    {
        if (!(warmupEpochs >= 0 && double.IsFinite(warmupEpochs)))
            throw SettingOutOfRange.Create(nameof(ScheduleSettings.WarmupEpochs), warmupEpochs, "must be a finite number of epochs, 0 or more");
        if (!(minimumFactor >= 0f && minimumFactor <= 1f))
            throw SettingOutOfRange.Create(nameof(ScheduleSettings.MinimumFactor), minimumFactor, "must be in [0, 1]");
        WarmupEpochs = warmupEpochs;
        MinimumFactor = minimumFactor;
    }

    /// <summary>Epochs of linear warm-up.</summary>
    public double WarmupEpochs { get; }

    /// <summary>Final rate as a fraction of the base rate.</summary>
    public float MinimumFactor { get; }

    /// <inheritdoc />
    public override float Rate(ScheduleContext context)
    {
        double progress = context.Progress;
        if (progress < WarmupEpochs)
            return (float)(context.BaseRate * (progress + 1.0 / Math.Max(1, context.StepsPerEpoch)) / WarmupEpochs);
        double span = Math.Max(1e-9, context.MaxEpochs - WarmupEpochs);
        double fraction = Math.Clamp((progress - WarmupEpochs) / span, 0, 1);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * fraction));
        return (float)(context.BaseRate * (MinimumFactor + (1 - MinimumFactor) * cosine));
    }
}
