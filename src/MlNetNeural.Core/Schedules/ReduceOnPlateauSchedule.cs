namespace MlNetNeural.Core.Schedules;

/// <summary>
/// Keeps the rate until the monitored loss has not improved (by more than a relative
/// <see cref="Threshold"/>) for <see cref="Patience"/> epochs, then multiplies it by <see cref="Factor"/>,
/// never going below <see cref="MinimumRate"/> — the rule of Keras's and PyTorch's ReduceLROnPlateau.
/// It keeps state across epochs: make a new one per training run (<see cref="ScheduleSettings.Create"/> does).
/// </summary>
public sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    private double _best = double.PositiveInfinity;
    private int _epochsWithoutImprovement;
    private float _multiplier = 1f;

    /// <summary>Creates the schedule.</summary>
    /// <param name="factor">Multiplier at each reduction, in (0, 1).</param>
    /// <param name="patience">Epochs without improvement before reducing, at least 1.</param>
    /// <param name="minimumRate">Floor for the rate, 0 or more.</param>
    /// <param name="threshold">Relative improvement that counts, e.g. 1e-4.</param>
    public ReduceOnPlateauSchedule(float factor, int patience, float minimumRate, double threshold)
    {
        if (!(factor > 0f && factor < 1f)) throw SettingOutOfRange.Create(nameof(ScheduleSettings.PlateauFactor), factor, "must be in (0, 1)");
        if (patience < 1) throw SettingOutOfRange.Create(nameof(ScheduleSettings.PlateauPatience), patience, "must be at least 1");
        if (!(minimumRate >= 0f && float.IsFinite(minimumRate))) throw SettingOutOfRange.Create(nameof(minimumRate), minimumRate, "must be a finite rate, 0 or more");
        if (!(threshold >= 0 && threshold < 1)) throw SettingOutOfRange.Create(nameof(ScheduleSettings.PlateauThreshold), threshold, "must be in [0, 1)");
        Factor = factor;
        Patience = patience;
        MinimumRate = minimumRate;
        Threshold = threshold;
    }

    /// <summary>Multiplier at each reduction.</summary>
    public float Factor { get; }

    /// <summary>Epochs without improvement before reducing.</summary>
    public int Patience { get; }

    /// <summary>Floor for the rate.</summary>
    public float MinimumRate { get; }

    /// <summary>Relative improvement that counts.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    public override float Rate(ScheduleContext context) => Math.Max(MinimumRate, context.BaseRate * _multiplier);

    /// <inheritdoc />
    public override void ObserveEpoch(double monitoredLoss)
    {
        if (monitoredLoss < _best * (1 - Threshold))
        {
            _best = monitoredLoss;
            _epochsWithoutImprovement = 0;
            return;
        }
        if (++_epochsWithoutImprovement >= Patience)
        {
            _multiplier *= Factor;
            _epochsWithoutImprovement = 0;
        }
    }
}
