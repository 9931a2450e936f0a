using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Tests.Core;

public class TrainingTests
{
    private static double Accuracy(Network network, TrainingData data)
    {
        var evaluator = new NetworkEvaluator(network, new SigmoidBinaryCrossEntropyLoss(), data.FeatureCount, 1, 1);
        return evaluator.Evaluate(data, Enumerable.Range(0, data.Rows).ToArray()).Metric;
    }

    [Fact]
    public void LearnsXor()
    {
        var settings = new TrainerSettings { LearningRate = 0.05f, BatchSize = 4, MaxEpochs = 400, ValidationFraction = 0f, Seed = 3 };
        var result = new NetworkTrainer(settings).Train(
            new NetworkArchitecture(2, [8], new Activation(ActivationKind.Tanh), 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Xor());
        Assert.Equal(1.0, Accuracy(result.Network, ToyData.Xor()));
    }

    [Fact]
    public void LearnsConcentricCirclesAbove97Percent()
    {
        var settings = new TrainerSettings { LearningRate = 0.01f, BatchSize = 32, MaxEpochs = 60, ValidationFraction = 0.1f, Seed = 5 };
        var result = new NetworkTrainer(settings).Train(
            new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(800, 1));
        double accuracy = Accuracy(result.Network, ToyData.Circles(1000, 2));
        Assert.True(accuracy > 0.97, $"held-out accuracy {accuracy:P2}");
    }

    [Fact]
    public void SameSeedGivesBitIdenticalWeightsForAnyThreadCountAndOtherSeedsDiffer()
    {
        byte[] Train(int seed, int threads) => NetworkSerializer.ToBytes(new NetworkTrainer(new TrainerSettings
        {
            MaxEpochs = 3, Seed = seed, Threads = threads, BatchSize = 16,
        }).Train(new NetworkArchitecture(2, [64, 64], Activation.ReLU, 0.2f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(600, 1)).Network);

        byte[] reference = Train(seed: 11, threads: 1);
        Assert.Equal(reference, Train(seed: 11, threads: 1));
        Assert.Equal(reference, Train(seed: 11, threads: 2));
        Assert.NotEqual(reference, Train(seed: 12, threads: 1));
    }

    [Fact]
    public void EarlyStoppingStopsAndRestoresTheBestEpochsWeights()
    {
        var data = ToyData.NoisySine(120, 4);
        var settings = new TrainerSettings { LearningRate = 0.01f, MaxEpochs = 300, EarlyStoppingPatience = 5, ValidationFraction = 0.3f, Seed = 1 };
        var result = new NetworkTrainer(settings).Train(new NetworkArchitecture(3, [128, 128], Activation.ReLU, 0f, 1), new MeanSquaredErrorLoss(), data);
        var history = result.History;

        Assert.Equal(StopReason.EarlyStopped, history.StopReason);
        Assert.True(history.Epochs.Count < 300);
        var losses = history.ValidationLoss;
        int best = Enumerable.Range(0, losses.Count).MinBy(i => losses[i]) + 1;
        Assert.Equal(best, history.BestEpoch);
        Assert.Equal(history.Epochs.Count, best + settings.EarlyStoppingPatience);
        Assert.True(history.BestEpoch < history.Epochs.Count);

        // The model holds the best epoch's weights: re-evaluating the validation rows reproduces that epoch's loss exactly.
        var (_, validationRows) = ValidationSplitFor(data, settings);
        var evaluator = new NetworkEvaluator(result.Network, new MeanSquaredErrorLoss(), 3, 1, 1);
        Assert.Equal(losses[best - 1], evaluator.Evaluate(data, validationRows).Loss);
        Assert.Contains($"epoch {best}", history.StopMessage);
    }

    [Fact]
    public void ValidationInARunTakesTheRunsEmbeddingKernelsAndTheReportedLossTheScoringOnes()
    {
        // Each epoch's validation loss only steers the run (best epoch, patience), so it takes the run's faster sine and
        // cosine, as the steps do; the loss reported with the trained model is computed exactly as the saved model scores.
        var data = ToyData.NoisySine(160, 4);
        var settings = new TrainerSettings { LearningRate = 0.01f, MaxEpochs = 40, EarlyStoppingPatience = 5, ValidationFraction = 0.3f, Seed = 2 };
        var architecture = new NetworkArchitecture(3,
        [
            new PeriodicEmbeddingSpec([0, 1, 2], Frequencies: 16, EmbeddingSize: 3, Sigma: 1f),
            new DenseSpec(32, Activation.ReLU),
            new DenseSpec(1, Activation.Identity),
        ]);
        var result = new NetworkTrainer(settings).Train(architecture, new MeanSquaredErrorLoss(), data);
        var history = result.History;
        var (_, validationRows) = ValidationSplitFor(data, settings);
        double inRun = new NetworkEvaluator(result.Network, new MeanSquaredErrorLoss(), 3, 1, 1, inTrainingRun: true).Evaluate(data, validationRows).Loss;
        double scored = new NetworkEvaluator(result.Network, new MeanSquaredErrorLoss(), 3, 1, 1).Evaluate(data, validationRows).Loss;

        Assert.Equal(history.ValidationLoss[history.BestEpoch - 1], inRun);
        Assert.NotEqual(inRun, scored); // the two kernels differ in the last bits, so the equality above tells which one ran
        Assert.Equal(scored, inRun, 1e-6 * scored);
    }

    [Fact]
    public void WhenThePatienceRunsOutTheRateAnnealsToZeroBeforeTheStopAndTheBestEpochIsStillKept()
    {
        var data = ToyData.NoisySine(120, 4);
        var settings = new TrainerSettings
        {
            LearningRate = 0.01f, MaxEpochs = 300, EarlyStoppingPatience = 5, EarlyStoppingAnnealingEpochs = 4, ValidationFraction = 0.3f, Seed = 1,
        };
        var history = new NetworkTrainer(settings).Train(new NetworkArchitecture(3, [128, 128], Activation.ReLU, 0f, 1), new MeanSquaredErrorLoss(), data).History;
        var epochs = history.Epochs;

        // The epoch whose end ran out of patience: the first that is 5 epochs past the last improvement before it.
        int lastBest = 0, patienceOut = 0;
        foreach (var report in epochs)
        {
            if (report.IsBest) lastBest = report.Epoch;
            else if (report.Epoch - lastBest >= settings.EarlyStoppingPatience) { patienceOut = report.Epoch; break; }
        }
        Assert.True(patienceOut > 0, "the patience never ran out");
        Assert.Equal(StopReason.EarlyStopped, history.StopReason);
        Assert.Equal(patienceOut + 4, epochs.Count);
        Assert.Contains($"not improved for 5 epochs by epoch {patienceOut}", history.StopMessage);
        Assert.Contains("fell to 0 over 4 epochs", history.StopMessage);

        // Each annealed epoch reports its last step's rate: 0.01 · (1 + cos(π·t)) / 2, t the share of the 4 epochs done before that step.
        int steps = (history.TrainingRows + settings.BatchSize - 1) / settings.BatchSize;
        Assert.Equal(0.01f, epochs[patienceOut - 1].LearningRate);
        for (int k = 1; k <= 4; k++)
        {
            double share = (k - 1 + (steps - 1.0) / steps) / 4;
            Assert.Equal((float)(0.01 * 0.5 * (1 + Math.Cos(Math.PI * share))), epochs[patienceOut - 1 + k].LearningRate, 1e-9f);
        }

        // The best epoch by validation loss, annealed ones included, is the one the model holds.
        var losses = history.ValidationLoss;
        Assert.Equal(Enumerable.Range(0, losses.Count).MinBy(i => losses[i]) + 1, history.BestEpoch);
    }

    [Fact]
    public void TheAnnealingRateFallsAlongAHalfCosineFromTheRateItBeganAt()
    {
        var annealing = new StopAnnealing(4);
        Assert.Equal(0.02f, annealing.Rate(0.02f, epoch: 12, step: 2, stepsPerEpoch: 4)); // not begun: the schedule's rate
        Assert.True(annealing.ShouldBegin(epoch: 10, maxEpochs: 11));
        Assert.False(annealing.ShouldBegin(epoch: 11, maxEpochs: 11)); // nothing left to anneal in
        annealing.Begin(epoch: 10, rate: 0.01f);
        Assert.False(annealing.ShouldBegin(epoch: 12, maxEpochs: 100)); // once only
        Assert.Equal(0.01f, annealing.Rate(0.02f, epoch: 11, step: 0, stepsPerEpoch: 4), 1e-9f); // t = 0
        Assert.Equal(0.005f, annealing.Rate(0.02f, epoch: 13, step: 0, stepsPerEpoch: 4), 1e-9f); // t = 2/4: cos(π/2) = 0
        Assert.Equal(0.0069134172f, annealing.Rate(0.02f, epoch: 12, step: 2, stepsPerEpoch: 4), 1e-8f); // t = 1.5/4: (1 + 0.3826834)/2
        Assert.False(annealing.Done(13));
        Assert.True(annealing.Done(14));
        Assert.False(new StopAnnealing(0).ShouldBegin(epoch: 3, maxEpochs: 100));
    }

    [Fact]
    public void ANegativeAnnealingLengthIsRefusedByName()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new TrainerSettings { EarlyStoppingAnnealingEpochs = -1 }.Validate());
        Assert.Contains(nameof(TrainerSettings.EarlyStoppingAnnealingEpochs), error.Message);
    }

    [Fact]
    public void AGivenValidationSetIsUsedInsteadOfASplit()
    {
        var result = new NetworkTrainer(new TrainerSettings { MaxEpochs = 2 }).Train(
            new NetworkArchitecture(2, [8], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(100, 1), ToyData.Circles(40, 2));
        Assert.Equal(100, result.History.TrainingRows);
        Assert.Equal(40, result.History.ValidationRows);
    }

    [Fact]
    public void StratifiedSplitKeepsTheClassBalance()
    {
        var targets = Enumerable.Range(0, 100).Select(i => i < 80 ? 0f : 1f).ToArray();
        var data = new TrainingData(new float[100], 1, targets);
        var (train, validation) = ValidationSplit.Split(data, 0.2f, stratify: true, new MlNetNeural.Core.Randomness.DeterministicRandom(1));
        Assert.Equal(20, validation.Length);
        Assert.Equal(4, validation.Count(row => targets[row] == 1f));
        Assert.Empty(train.Intersect(validation));
    }

    [Fact]
    public void DivergenceBeforeAnyGoodEpochThrowsNamingTheEpochAndSuggestingALowerRate()
    {
        var data = new TrainingData(Enumerable.Range(0, 200).Select(i => (float)i).ToArray(), 2, Enumerable.Range(0, 100).Select(i => 1000f * i).ToArray());
        var trainer = new NetworkTrainer(new TrainerSettings
        {
            LearningRate = 1e6f, Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, Momentum = 0f }, BatchSize = 10, ValidationFraction = 0f,
        });
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(new NetworkArchitecture(2, [16], Activation.ReLU, 0f, 1), new MeanSquaredErrorLoss(), data));
        Assert.Equal(1, error.Epoch);
        Assert.Contains("epoch 1", error.Message);
        Assert.Contains("Lower the learning rate", error.Message);
    }

    [Fact]
    public void AStrongProximalTermKeepsTrainingNearItsReference()
    {
        double Drift(float strength)
        {
            var network = new NetworkArchitecture(2, [8], Activation.ReLU, 0f, 1).Build(new DeterministicRandom(4));
            var start = network.SnapshotParameters();
            var settings = new TrainerSettings
            {
                MaxEpochs = 5, LearningRate = 0.01f, Seed = 2, Proximal = new ProximalAnchor(start, strength),
                Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, Momentum = 0f },
            };
            new NetworkTrainer(settings).Train(network, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(200, 1));
            return network.Parameters.Select((p, i) => p.Values.Zip(start[i], (a, b) => (double)(a - b) * (a - b)).Sum()).Sum();
        }
        double free = Drift(0f), anchored = Drift(50f);
        Assert.True(anchored < free / 20, $"drift with μ = 50: {anchored:G3}; without: {free:G3}");
    }

    [Fact]
    public void DivergenceAfterGoodEpochsRestoresTheBestWeights()
    {
        var trainer = new NetworkTrainer(new TrainerSettings
        {
            Schedule = new ExplodeAfterSettings(2), Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, Momentum = 0f }, MaxEpochs = 10,
        });
        var result = trainer.Train(new NetworkArchitecture(3, [16], Activation.ReLU, 0f, 1), new MeanSquaredErrorLoss(), ToyData.NoisySine(200, 1));
        Assert.Equal(StopReason.Diverged, result.History.StopReason);
        Assert.InRange(result.History.BestEpoch, 1, 2);
        Assert.All(result.Network.Parameters, p => Assert.All(p.Values, v => Assert.True(float.IsFinite(v))));
        Assert.Contains("NaN or infinite", result.History.StopMessage);
    }

    [Fact]
    public void CancellationKeepsTheBestWeightsAndSaysSo()
    {
        using var cancellation = new CancellationTokenSource();
        var reports = new List<EpochReport>();
        var result = new NetworkTrainer(new TrainerSettings { MaxEpochs = 50, ValidationFraction = 0.2f }).Train(
            new NetworkArchitecture(2, [8], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(200, 1),
            progress: report =>
            {
                reports.Add(report);
                if (report.Epoch == 3) cancellation.Cancel();
            },
            cancellation: cancellation.Token);
        Assert.Equal(StopReason.Cancelled, result.History.StopReason);
        Assert.Equal(3, result.History.Epochs.Count);
        Assert.Equal(reports, result.History.Epochs);
        Assert.Contains("cancelled", result.History.StopMessage);
        Assert.Equal(reports.Where(r => r.IsBest).Last().Epoch, result.History.BestEpoch);
    }

    [Fact]
    public void ProgressReportsCarryLossesMetricAndTiming()
    {
        var reports = new List<EpochReport>();
        new NetworkTrainer(new TrainerSettings { MaxEpochs = 2, ValidationFraction = 0.2f }).Train(
            new NetworkArchitecture(2, [8], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(200, 1), progress: reports.Add);
        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
        Assert.All(reports, r =>
        {
            Assert.True(r.TrainLoss > 0);
            Assert.InRange(r.ValidationMetric!.Value, 0, 1);
            Assert.True(r.Seconds >= 0);
        });
    }

    [Fact]
    public void MismatchedShapesAndBadSettingsAreExplained()
    {
        var data = ToyData.Circles(20, 1);
        var trainer = new NetworkTrainer(new TrainerSettings());
        Assert.Contains("3", Assert.Throws<ArgumentException>(() => trainer.Train(new NetworkArchitecture(3, [4], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), data)).Message);
        Assert.Contains("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkTrainer(new TrainerSettings { LearningRate = 0f })).Message);
        var nan = Assert.Throws<InvalidTrainingDataException>(() => new TrainingData([0f, 1f, float.NaN, 2f], 2, [0f, 1f]));
        Assert.Equal((TrainingDataPart.Feature, 1, 0), (nan.Part, nan.Row, nan.Index));
        Assert.Contains("row 1", nan.Message);
        var weight = Assert.Throws<InvalidTrainingDataException>(() => new TrainingData([0f, 1f], 1, [0f, 1f], 1, [1f, -2f]));
        Assert.Equal((TrainingDataPart.Weight, 1, -2f), (weight.Part, weight.Row, weight.Value));
        Assert.Contains("example weights are 0", Assert.Throws<ArgumentException>(() => new TrainingData([0f, 1f], 1, [0f, 1f], 1, [0f, 0f])).Message);
    }

    [Fact]
    public void AClassifierRefusesTrainingDataWithOneClassButTakesAOneClassValidationSet()
    {
        var trainer = new NetworkTrainer(new TrainerSettings { MaxEpochs = 1 });
        var architecture = new NetworkArchitecture(2, [4], Activation.ReLU, 0f, 3);
        var oneClass = new TrainingData([0f, 1f, 1f, 0f, 2f, 2f], 2, [2f, 2f, 2f]);
        var error = Assert.Throws<InvalidTrainingDataException>(() => trainer.Train(architecture, new SoftmaxCrossEntropyLoss(3), oneClass));
        Assert.Equal((TrainingDataPart.Classes, 3, 2f), (error.Part, error.Row, error.Value));
        Assert.Contains("at least two classes", error.Message);
        var twoClasses = new TrainingData([0f, 1f, 1f, 0f, 2f, 2f], 2, [0f, 2f, 2f]);
        Assert.Single(trainer.Train(architecture, new SoftmaxCrossEntropyLoss(3), twoClasses, oneClass).History.Epochs);
    }

    [Fact]
    public void ARefusedValidationTargetSaysItIsInTheValidationData()
    {
        var trainer = new NetworkTrainer(new TrainerSettings { MaxEpochs = 1 });
        var error = Assert.Throws<InvalidTrainingDataException>(() => trainer.Train(new NetworkArchitecture(2, [4], Activation.ReLU, 0f, 1),
            new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(20, 1), new TrainingData([0f, 1f], 2, [7f])));
        Assert.Equal("validation", error.DataName);
        Assert.Contains("validation row 0", error.Message);
    }

    private static (int[] Train, int[] Validation) ValidationSplitFor(TrainingData data, TrainerSettings settings) =>
        ValidationSplit.Split(data, settings.ValidationFraction, stratify: false, MlNetNeural.Core.Randomness.DeterministicRandom.ForStream(settings.Seed, 2));

    /// <summary>A schedule that behaves for <c>goodEpochs</c> epochs and then uses an absurd rate.</summary>
    private sealed record ExplodeAfterSettings(int GoodEpochs) : ScheduleSettings
    {
        public override LearningRateSchedule Create() => new ExplodeAfter(GoodEpochs);
    }

    private sealed class ExplodeAfter(int goodEpochs) : LearningRateSchedule
    {
        public override float Rate(ScheduleContext context) => context.Epoch < goodEpochs ? 1e-3f : 1e30f;
    }
}
