namespace MlNetNeural.Core.Schedules;

/// <summary>The base learning rate throughout.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc />
    public override float Rate(ScheduleContext context) => context.BaseRate;
}
