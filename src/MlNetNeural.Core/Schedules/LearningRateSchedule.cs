namespace MlNetNeural.Core.Schedules;

/// <summary>Where training is when a learning rate is asked for.</summary>
/// <param name="BaseRate">The configured learning rate.</param>
/// <param name="Epoch">Current epoch, counted from 0.</param>
/// <param name="Step">Mini-batch within the epoch, counted from 0.</param>
/// <param name="StepsPerEpoch">Mini-batches per epoch.</param>
/// <param name="MaxEpochs">The epoch budget.</param>
public readonly record struct ScheduleContext(float BaseRate, int Epoch, int Step, int StepsPerEpoch, int MaxEpochs)
{
    /// <summary>Training progress in epochs, with the fraction of the current one: epoch + step / stepsPerEpoch.</summary>
    public double Progress => Epoch + (double)Step / Math.Max(1, StepsPerEpoch);
}

/// <summary>Chooses the learning rate of each mini-batch step. An instance serves one training run (see <see cref="ScheduleSettings.Create"/>).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for the step described by <paramref name="context"/>.</summary>
    /// <param name="context">Where training is.</param>
    public abstract float Rate(ScheduleContext context);

    /// <summary>Called after each epoch with the loss being monitored (validation loss when there is validation data, else training loss).</summary>
    /// <param name="monitoredLoss">The epoch's monitored loss.</param>
    public virtual void ObserveEpoch(double monitoredLoss)
    {
    }
}
