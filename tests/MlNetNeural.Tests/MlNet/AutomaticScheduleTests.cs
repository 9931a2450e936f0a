using Microsoft.ML;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Models;
using MlNetNeural.Tests.Reliability;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>
/// The learning-rate schedule left automatic (null, the default): cosine decay after one warm-up epoch, bit for bit the
/// model that asking for <see cref="LearningRateScheduleKind.CosineWithWarmup"/> trains, and named so in the model's options.
/// </summary>
public sealed class AutomaticScheduleTests
{
    private readonly MLContext _ml = new(seed: 1);

    private MlpModelParameters Fit(LearningRateScheduleKind? schedule, int epochs = 6) => _ml.BinaryClassification.Trainers
        .Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [8], MaxEpochs = epochs, Seed = 2, EnsembleSize = 1, LearningRateSchedule = schedule })
        .Fit(_ml.Data.LoadFromEnumerable(ShippedTransforms.CreateRows(120, seed: 3))).Model;

    private static float[] Weights(MlpModelParameters model) => model.Network.Parameters.SelectMany(p => p.Values.ToArray()).ToArray();

    [Fact]
    public void TheAutomaticScheduleDecaysTheDefaultRateByCosineAfterOneWarmUpEpoch()
    {
        Assert.Null(new MlpBinaryTrainer.Options().LearningRateSchedule);
        var automatic = Fit(null);
        var cosine = Fit(LearningRateScheduleKind.CosineWithWarmup);
        var constant = Fit(LearningRateScheduleKind.Constant);

        Assert.Equal(Weights(cosine), Weights(automatic));
        Assert.NotEqual(Weights(constant), Weights(automatic));
        float[] rates = [.. automatic.History.Epochs.Select(e => e.LearningRate)];
        Assert.Equal(6, rates.Length);
        Assert.Equal(MlpTrainerOptions.Defaults.LearningRate, rates[0], 1e-6f);   // the warm-up ends with the first epoch
        for (int epoch = 1; epoch < rates.Length; epoch++) Assert.True(rates[epoch] < rates[epoch - 1], $"epoch {epoch + 1}: {rates[epoch]} after {rates[epoch - 1]}");
        Assert.True(rates[^1] < 0.1f * MlpTrainerOptions.Defaults.LearningRate);
        Assert.All(constant.History.Epochs, e => Assert.Equal(MlpTrainerOptions.Defaults.LearningRate, e.LearningRate));

        Assert.Contains(automatic.TrainerOptions, o => o.Key == nameof(MlpTrainerOptions.LearningRateSchedule) && o.Value == "automatic (CosineWithWarmup)");
        Assert.Contains(cosine.TrainerOptions, o => o.Key == nameof(MlpTrainerOptions.LearningRateSchedule) && o.Value == "CosineWithWarmup");
    }

    [Fact]
    public void ARunTooShortToWarmUpAndDecayTrainsAtTheConstantRate()
    {
        var automatic = Fit(null, epochs: 1);
        Assert.Equal(Weights(Fit(LearningRateScheduleKind.Constant, epochs: 1)), Weights(automatic));
        Assert.Contains(automatic.TrainerOptions, o => o.Key == nameof(MlpTrainerOptions.LearningRateSchedule) && o.Value == "automatic (Constant)");
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit(LearningRateScheduleKind.CosineWithWarmup, epochs: 1));   // asked for, it is refused as before
    }
}
