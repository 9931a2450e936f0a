using System.Diagnostics;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Tests.Core;

/// <summary>
/// How training ends when it cannot go on: divergence seen in the loss trend or in weights and optimizer state that
/// overflowed, and cancellation inside a mini-batch; the model then holds exactly the weights the history names.
/// </summary>
public class TrainingStopTests
{
    private static readonly NetworkArchitecture Small = new(2, [8], Activation.ReLU, 0f, 1);

    private static TrainingData Scaled(TrainingData data, float featureScale, float targetScale = 1f) =>
        new(data.Features.Select(f => f * featureScale).ToArray(), data.FeatureCount, data.Targets.Select(t => t * targetScale).ToArray());

    [Fact]
    public void AdamsSecondMomentOverflowingStopsTrainingInsteadOfFreezingTheWeights()
    {
        var huge = Scaled(ToyData.Circles(200, 1), 1e22f);
        var trainer = new NetworkTrainer(new TrainerSettings { MaxEpochs = 20, Seed = 1 });

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Small, new SigmoidBinaryCrossEntropyLoss(), huge));

        Assert.Equal(1, error.Epoch);
        Assert.Contains("Adam's second-moment estimate", error.Reason);
        Assert.Contains("can no longer change", error.Message);
        Assert.Contains("Lower the learning rate", error.Message);
        Assert.StartsWith("Adam's second-moment estimate (squared gradients) of ", error.Reason);
    }

    [Fact]
    public void AnOverflowWithTheFirstLayerFrozenNamesTheTrainedParameterThatOverflowed()
    {
        var huge = Scaled(ToyData.Circles(200, 1), 1e22f);
        var network = Small.Build(new DeterministicRandom(1));
        int output = network.Layers.Count - 1;
        var trainer = new NetworkTrainer(new TrainerSettings { MaxEpochs = 20, Seed = 1, TrainableLayers = [output] });

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(network, new SigmoidBinaryCrossEntropyLoss(), huge));

        Assert.Contains("Adam's second-moment estimate", error.Reason);
        var outputNames = network.Layers[output].Parameters.Select(p => p.Name + "[").ToArray();
        Assert.True(outputNames.Any(error.Reason.Contains), $"the reason names a frozen parameter: {error.Reason}");
    }

    [Fact]
    public void AnAdamLearningRateFarTooLargeIsReportedAsDivergence()
    {
        var trainer = new NetworkTrainer(new TrainerSettings { MaxEpochs = 20, Seed = 1, LearningRate = 1e9f });
        var error = Assert.Throws<TrainingDivergedException>(() =>
            trainer.Train(new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(400, 2)));
        Assert.Contains("the training loss grew to", error.Reason);
        Assert.Contains("Lower the learning rate", error.Message);
    }

    [Fact]
    public void TrainingThatEndsNoBetterThanTheUntrainedNetworkSaysItLearnedNothing()
    {
        var trainer = new NetworkTrainer(new TrainerSettings
        {
            MaxEpochs = 20, Seed = 1, LearningRate = 10f, Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd },
        });
        var result = trainer.Train(new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(400, 2));

        Assert.True(result.History.LearnedNothing);
        Assert.Contains("the model learned nothing", result.History.StopMessage);
        var good = new NetworkTrainer(new TrainerSettings { MaxEpochs = 20, Seed = 1, LearningRate = 0.01f })
            .Train(new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(400, 2));
        Assert.False(good.History.LearnedNothing);
        Assert.True(good.History.StartingLoss > good.History.TrainLoss[^1]);
    }

    [Fact]
    public void TheLossTrendAloneRevealsDivergenceThatStaysFinite()
    {
        var monitor = new DivergenceMonitor();
        var parameters = Small.Build(new DeterministicRandom(1)).Parameters;
        Assert.Null(monitor.CheckStep(0.7));
        Assert.Null(monitor.CheckEpoch(0.7 * 9_000, parameters, new SgdOptimizer(0f)));
        Assert.Contains("more than 10000 times its value at the start (0.7)", monitor.CheckEpoch(0.7 * 11_000, parameters, new SgdOptimizer(0f)));
        Assert.Contains("NaN or infinite", monitor.CheckStep(double.PositiveInfinity));
    }

    [Fact]
    public void RegressionTargetsOf1e20DoNotTrainSilently()
    {
        var data = Scaled(ToyData.NoisySine(200, 1), 1f, 1e20f);
        var trainer = new NetworkTrainer(new TrainerSettings { MaxEpochs = 20, Seed = 1 });
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(new NetworkArchitecture(3, [16], Activation.ReLU, 0f, 1), new MeanSquaredErrorLoss(), data));
        Assert.Contains("regression targets far from unit scale", error.Message);
    }

    [Fact]
    public void WithoutValidationNoEpochIsMarkedBestAndTheModelHoldsTheLastEpoch()
    {
        var result = new NetworkTrainer(new TrainerSettings { MaxEpochs = 4, Seed = 1 }).Train(Small, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(100, 1));
        Assert.All(result.History.Epochs, epoch => Assert.False(epoch.IsBest));
        Assert.Equal(4, result.History.BestEpoch);
        Assert.Contains("epoch 4, the last one completed", result.History.StopMessage);
    }

    [Fact]
    public void CancelledInsideTheFirstEpochTheModelHoldsItsInitialWeightsAndTheHistorySaysSo()
    {
        using var cancellation = new CancellationTokenSource();
        var network = Small.Build(new DeterministicRandom(5));
        byte[] initial = NetworkSerializer.ToBytes(network);
        var loss = new CancellingLoss(new SigmoidBinaryCrossEntropyLoss(), cancellation, cancelOnCall: 4);

        var result = new NetworkTrainer(new TrainerSettings { BatchSize = 10, MaxEpochs = 3 }).Train(network, loss, ToyData.Circles(100, 1), cancellation: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.History.StopReason);
        Assert.Equal(0, result.History.BestEpoch);
        Assert.Empty(result.History.Epochs);
        Assert.Equal(initial, NetworkSerializer.ToBytes(result.Network));
        Assert.Contains("cancelled during epoch 1, after 3 of its 10 mini-batches; the model holds its initial, untrained weights", result.History.StopMessage);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.2f)]
    public void CancelledLaterTheModelHoldsExactlyTheEpochTheHistoryNames(float validationFraction)
    {
        var data = ToyData.Circles(200, 3);
        using var cancellation = new CancellationTokenSource();
        var settings = new TrainerSettings { BatchSize = 20, MaxEpochs = 10, Seed = 2, ValidationFraction = validationFraction };
        var loss = new CancellingLoss(new SigmoidBinaryCrossEntropyLoss(), cancellation, cancelOnCall: (int)(2.5 * (validationFraction == 0 ? 10 : 8)));

        var cancelled = new NetworkTrainer(settings).Train(Small, loss, data, cancellation: cancellation.Token);
        int held = cancelled.History.BestEpoch;
        var reference = new NetworkTrainer(settings with { MaxEpochs = 2 }).Train(Small, new SigmoidBinaryCrossEntropyLoss(), data);

        Assert.Equal(StopReason.Cancelled, cancelled.History.StopReason);
        Assert.Equal(2, cancelled.History.Epochs.Count);
        Assert.InRange(held, 1, 2);
        Assert.Contains($"cancelled during epoch 3", cancelled.History.StopMessage);
        Assert.Contains($"the weights of epoch {held}", cancelled.History.StopMessage);
        if (validationFraction == 0) Assert.Equal(NetworkSerializer.ToBytes(reference.Network), NetworkSerializer.ToBytes(cancelled.Network));
        else Assert.Equal(cancelled.History.Epochs.Where(e => e.IsBest).Last().Epoch, held);
    }

    [Fact]
    public void CancellationStopsAMiniBatchBetweenChunksOfItsMatrixProducts()
    {
        // One mini-batch of 1,024 rows through a 2,048-wide layer: the backward pass after the loss costs about twice the
        // forward pass. Cancelled when the loss is computed, training must return long before that backward pass could end.
        const int Features = 2048, Rows = 1024;
        var random = new DeterministicRandom(1);
        var features = new float[Rows * Features];
        for (int i = 0; i < features.Length; i++) features[i] = random.NextGaussian();
        var data = new TrainingData(features, Features, Enumerable.Range(0, Rows).Select(i => (float)(i % 2)).ToArray());
        var architecture = new NetworkArchitecture(Features, [Features], Activation.ReLU, 0f, 1);
        using var cancellation = new CancellationTokenSource();
        var clock = new Stopwatch();
        long cancelledAt = 0;
        var loss = new CancellingLoss(new SigmoidBinaryCrossEntropyLoss(), cancellation, cancelOnCall: 1, onCancel: () => cancelledAt = clock.ElapsedTicks);

        clock.Start();
        var result = new NetworkTrainer(new TrainerSettings { BatchSize = Rows, MaxEpochs = 1, Threads = 1 }).Train(architecture, loss, data, cancellation: cancellation.Token);
        long returnedAt = clock.ElapsedTicks;

        Assert.Equal(StopReason.Cancelled, result.History.StopReason);
        Assert.True(returnedAt - cancelledAt < cancelledAt / 2,
            $"the forward pass took {TimeSpan.FromTicks(cancelledAt * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalMilliseconds:F0} ms; " +
            $"training returned {TimeSpan.FromTicks((returnedAt - cancelledAt) * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalMilliseconds:F0} ms after the cancellation");
    }

    [Fact]
    public void ANetworkTooLargeToTrainIsRefusedBeforeAnythingIsAllocated()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<NetworkTooLargeException>(() => new NetworkTrainer(new TrainerSettings()).Train(
            new NetworkArchitecture(1, [int.MaxValue], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(10, 1).Take1Feature()));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        Assert.Contains("more than .NET allows in an array", error.Message);
    }

    [Theory]
    [InlineData(2, 0.5f)]
    [InlineData(5, 0.1f)]
    public void AValidationFractionThatHoldsOutNoRowIsRefused(int rows, float fraction)
    {
        var data = new TrainingData(new float[rows * 2], 2, Enumerable.Range(0, rows).Select(i => (float)(i % 2)).ToArray());
        var trainer = new NetworkTrainer(new TrainerSettings { ValidationFraction = fraction, MaxEpochs = 1 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(Small, new SigmoidBinaryCrossEntropyLoss(), data));
        Assert.Equal(nameof(TrainerSettings.ValidationFraction), error.ParamName);
        Assert.Contains($"of {rows} training rows holds out no row", error.Message);
    }

    /// <summary>A loss that cancels training on its n-th call (after computing that mini-batch's loss), standing in for a user pressing Cancel.</summary>
    private sealed class CancellingLoss(ILoss inner, CancellationTokenSource cancellation, int cancelOnCall, Action? onCancel = null) : ILoss
    {
        private int _calls;

        public int OutputSize => inner.OutputSize;
        public int TargetSize => inner.TargetSize;
        public bool IsClassification => inner.IsClassification;
        public string MetricName => inner.MetricName;
        public bool HigherMetricIsBetter => inner.HigherMetricIsBetter;

        public double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, Span<float> gradient)
        {
            double value = inner.Compute(outputs, targets, weights, batch, gradient);
            if (!gradient.IsEmpty && ++_calls == cancelOnCall)
            {
                onCancel?.Invoke();
                cancellation.Cancel();
            }
            return value;
        }

        public double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch) => inner.MetricSum(outputs, targets, batch);

        public double FinishMetric(double sum, long rows) => inner.FinishMetric(sum, rows);

        public void ValidateTargets(ReadOnlySpan<float> targets) => inner.ValidateTargets(targets);
    }
}
