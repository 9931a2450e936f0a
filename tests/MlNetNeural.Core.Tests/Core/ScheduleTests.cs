using MlNetNeural.Core.Schedules;

namespace MlNetNeural.Tests.Core;

public class ScheduleTests
{
    private static ScheduleContext At(int epoch, int step = 0, int steps = 10, int maxEpochs = 10) => new(0.1f, epoch, step, steps, maxEpochs);

    [Fact]
    public void StepDecayMultipliesEveryNEpochs()
    {
        var schedule = new StepDecaySchedule(3, 0.5f);
        Assert.Equal(0.1f, schedule.Rate(At(2)), 6);
        Assert.Equal(0.05f, schedule.Rate(At(3)), 6);
        Assert.Equal(0.025f, schedule.Rate(At(7)), 6);
    }

    [Fact]
    public void CosineWarmsUpLinearlyThenAnnealsToTheMinimum()
    {
        var schedule = new CosineWarmupSchedule(warmupEpochs: 2, minimumFactor: 0.1f);
        Assert.Equal(0.1f * 0.1f / 2, schedule.Rate(At(0, 0)), 6);      // first step: 1/steps of an epoch into the warm-up
        Assert.Equal(0.1f * 1.1f / 2, schedule.Rate(At(1, 0)), 6);
        Assert.Equal(0.1f, schedule.Rate(At(2, 0)), 6);                  // peak after warm-up
        Assert.Equal(0.1f * (0.1f + 0.9f * 0.5f), schedule.Rate(At(6, 0)), 6); // half-way through the cosine: cos = 0
        Assert.Equal(0.01f, schedule.Rate(At(10, 0)), 6);                // the end: minimum
    }

    [Fact]
    public void ReduceOnPlateauCutsTheRateAfterPatienceEpochsWithoutImprovement()
    {
        var schedule = new ReduceOnPlateauSchedule(factor: 0.5f, patience: 2, minimumRate: 0.02f, threshold: 1e-4);
        schedule.ObserveEpoch(1.0);
        schedule.ObserveEpoch(0.9);   // improvement
        schedule.ObserveEpoch(0.95);  // 1 bad epoch
        Assert.Equal(0.1f, schedule.Rate(At(3)), 6);
        schedule.ObserveEpoch(0.92);  // 2 bad epochs: reduce
        Assert.Equal(0.05f, schedule.Rate(At(4)), 6);
        schedule.ObserveEpoch(0.99);
        schedule.ObserveEpoch(0.99);
        schedule.ObserveEpoch(0.99);
        schedule.ObserveEpoch(0.99);  // two more reductions, floored at 0.02
        Assert.Equal(0.02f, schedule.Rate(At(8)), 6);
    }

    [Fact]
    public void EachRunGetsAFreshScheduleFromTheSameSettings()
    {
        var settings = new ScheduleSettings { Kind = LearningRateScheduleKind.ReduceOnPlateau, PlateauFactor = 0.5f, PlateauPatience = 1 };
        var first = settings.Create();
        first.ObserveEpoch(1.0);
        first.ObserveEpoch(2.0); // no improvement for 1 epoch: the first run's rate halves
        Assert.Equal(0.05f, first.Rate(At(2)), 6);
        var second = settings.Create();
        Assert.NotSame(first, second);
        Assert.Equal(0.1f, second.Rate(At(0)), 6); // the second run starts from the base rate
    }

    [Fact]
    public void SettingsCreateEveryKindAndCheckItsParameters()
    {
        foreach (var kind in Enum.GetValues<LearningRateScheduleKind>())
            Assert.NotNull(new ScheduleSettings { Kind = kind }.Create());
        Assert.Contains("StepDecayFactor must be in (0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ScheduleSettings { Kind = LearningRateScheduleKind.StepDecay, StepDecayFactor = 0f }.Create()).Message);
    }

    public static TheoryData<ScheduleSettings, string> OutOfRangeSettings() => new()
    {
        { new ScheduleSettings { Kind = LearningRateScheduleKind.CosineWithWarmup, WarmupEpochs = double.PositiveInfinity }, "WarmupEpochs must be a finite number of epochs" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.CosineWithWarmup, WarmupEpochs = double.NaN }, "WarmupEpochs must be a finite number of epochs" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.CosineWithWarmup, WarmupEpochs = 100 }, "WarmupEpochs must be less than MaxEpochs (100)" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.CosineWithWarmup, MinimumFactor = float.NaN }, "MinimumFactor must be in [0, 1]" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.StepDecay, StepDecayEpochs = 0 }, "StepDecayEpochs must be at least 1" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.ReduceOnPlateau, PlateauFactor = 1f }, "PlateauFactor must be in (0, 1)" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.ReduceOnPlateau, PlateauPatience = 0 }, "PlateauPatience must be at least 1" },
        { new ScheduleSettings { Kind = LearningRateScheduleKind.ReduceOnPlateau, PlateauThreshold = double.PositiveInfinity }, "PlateauThreshold must be in [0, 1)" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeSettings))]
    public void OutOfRangeScheduleSettingsAreRefusedNamingTheSetting(ScheduleSettings schedule, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MlNetNeural.Core.Training.NetworkTrainer(new MlNetNeural.Core.Training.TrainerSettings { Schedule = schedule }));
        Assert.Contains(message, error.Message);
        Assert.Equal(message.Split(' ')[0], error.ParamName);
    }
}
