using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.FineTuning;

public class PruningTests
{
    [Fact]
    public void PerLayerPruningZeroesEachLayersSmallestWeightsAndGlobalPruningRanksThemTogether()
    {
        var network = new Network([new DenseLayer(2, 2, Activation.ReLU), new DenseLayer(2, 2, Activation.Identity)]);
        float[] first = [0.1f, -0.3f, 0.2f, -0.25f], second = [1f, 2f, -0.05f, 4f];
        first.CopyTo(((DenseLayer)network.Layers[0]).Weights.Values, 0);
        second.CopyTo(((DenseLayer)network.Layers[1]).Weights.Values, 0);
        var copy = network.Copy();

        var reached = MagnitudePruning.Prune(network, 0.5f);
        Assert.Equal([0f, -0.3f, 0f, -0.25f], ((DenseLayer)network.Layers[0]).Weights.Values);
        Assert.Equal([0f, 2f, 0f, 4f], ((DenseLayer)network.Layers[1]).Weights.Values);
        Assert.Equal(new Dictionary<int, float> { [0] = 0.5f, [1] = 0.5f }, reached);

        // Globally the four smallest of all eight are 0.05, 0.1, 0.2 and 0.25: three of them in the first layer.
        MagnitudePruning.Prune(copy, 0.5f, PruningScope.Global);
        Assert.Equal([0f, -0.3f, 0f, 0f], ((DenseLayer)copy.Layers[0]).Weights.Values);
        Assert.Equal([1f, 2f, 0f, 4f], ((DenseLayer)copy.Layers[1]).Weights.Values);
        Assert.Equal(new Dictionary<int, float> { [0] = 0.75f, [1] = 0.25f }, MagnitudePruning.Sparsity(copy));
    }

    [Fact]
    public void TiesAreBrokenByPositionSoTheCountIsExact()
    {
        var network = new Network([new DenseLayer(4, 1, Activation.Identity)]);
        float[] weights = ((DenseLayer)network.Layers[0]).Weights.Values;
        new float[] { 1f, 1f, 1f, 1f }.CopyTo(weights, 0);
        MagnitudePruning.Prune(network, 0.5f);
        Assert.Equal([0f, 0f, 1f, 1f], weights);
    }

    [Fact]
    public void TheScheduleFollowsZhuAndGuptasCubicCurve()
    {
        var settings = new PruningSettings { TargetSparsity = 0.8f, InitialSparsity = 0.2f, StartEpoch = 2, RampEpochs = 4 };
        const int steps = 10;
        Assert.Null(settings.UpdateAt(19, steps));                                  // before the start
        Assert.Equal(0.2f, settings.UpdateAt(20, steps)!.Value, 6);                 // s_i at t0
        Assert.Null(settings.UpdateAt(21, steps));                                  // once per epoch by default
        // s(t) = s_f + (s_i − s_f)(1 − (t − t0)/(nΔt))³ at one epoch of four: 0.8 − 0.6 · 0.75³ = 0.546875.
        Assert.Equal(0.546875f, settings.UpdateAt(30, steps)!.Value, 6);
        Assert.Equal(0.8f - 0.6f * 0.125f, settings.UpdateAt(40, steps)!.Value, 6);
        Assert.Equal(0.8f, settings.UpdateAt(60, steps));
        Assert.Null(settings.UpdateAt(70, steps));
        Assert.Equal(0.8f, PruningSettings.OneShot(0.8f).UpdateAt(0, steps));
        Assert.Equal(0.6f - 0.6f * 0.5f * 0.5f * 0.5f, (settings with { StepsBetweenUpdates = 20, InitialSparsity = 0f, TargetSparsity = 0.6f }).UpdateAt(40, steps)!.Value, 6);
    }

    [Fact]
    public void PrunedWeightsStayExactlyZeroThroughTrainingAndTheSparsityReachesItsTarget()
    {
        var data = ToyData.Circles(300, seed: 8);
        var checkedEpochs = new List<int>();
        Network? network = null;
        var settings = new TrainerSettings
        {
            MaxEpochs = 12, Seed = 3, LearningRate = 1e-2f, Optimizer = new() { Kind = MlNetNeural.Core.Optimizers.OptimizerKind.AdamW },
            Pruning = PruningSettings.Gradual(0.75f, rampEpochs: 6, startEpoch: 2), L2Penalty = 1e-3f, GradientClipNorm = 1f,
        };
        var result = new NetworkTrainer(settings).Train(new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0.1f, 1), new SigmoidBinaryCrossEntropyLoss(), data,
            progress: report => checkedEpochs.Add(report.Epoch));
        network = result.Network;
        var sparsity = MagnitudePruning.Sparsity(network);
        Assert.All(sparsity.Values, s => Assert.InRange(s, 0.749f, 0.76f));
        // With AdamW, weight decay and clipping, only the mask keeps the zeros: continue training and check they stay.
        float[][] zeros = network.DenseLayers.Select(l => l.Weights.Values.Select(w => w == 0f ? 1f : 0f).ToArray()).ToArray();
        var further = new NetworkTrainer(settings with { Pruning = PruningSettings.OneShot(0.75f), MaxEpochs = 3 }).Train(network, new SigmoidBinaryCrossEntropyLoss(), data);
        var layers = further.Network.DenseLayers.ToArray();
        for (int l = 0; l < layers.Length; l++)
            for (int i = 0; i < zeros[l].Length; i++) if (zeros[l][i] == 1f) Assert.Equal(0f, layers[l].Weights.Values[i]);
        Assert.True(NetworkEvaluatorAccuracy(further.Network, data) > 0.9, "the pruned network still separates the circles");
    }

    [Fact]
    public void EarlyStoppingKeepsOnlyEpochsThatReachedTheTargetSparsity()
    {
        var data = ToyData.Circles(200, seed: 2);
        var validation = ToyData.Circles(100, seed: 5);
        var settings = new TrainerSettings { MaxEpochs = 8, Seed = 1, Pruning = PruningSettings.Gradual(0.9f, rampEpochs: 5), EarlyStoppingPatience = 1 };
        var result = new NetworkTrainer(settings).Train(new NetworkArchitecture(2, [16], Activation.ReLU, 0f, 1), new SigmoidBinaryCrossEntropyLoss(), data, validation);
        Assert.True(result.History.BestEpoch >= 6, $"best epoch {result.History.BestEpoch}");
        Assert.All(result.History.Epochs.Take(5), epoch => Assert.False(epoch.IsBest));
        // 90% of 16 × 2 and of 16 × 1 weights, rounded to whole weights.
        Assert.Equal(new Dictionary<int, float> { [0] = 29 / 32f, [1] = 14 / 16f }, MagnitudePruning.Sparsity(result.Network));
    }

    [Fact]
    public void AScheduleThatEndsAfterTheLastEpochIsRefused()
    {
        var settings = new TrainerSettings { MaxEpochs = 5, Pruning = PruningSettings.Gradual(0.5f, rampEpochs: 5) };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkTrainer(settings));
        Assert.Contains("raise MaxEpochs above 5", error.Message);
    }

    [Fact]
    public void RemovingDeadUnitsShrinksTheLayersAndKeepsTheFunction()
    {
        var random = new DeterministicRandom(4);
        var network = new NetworkArchitecture(6, [10, 8], Activation.ReLU, 0.2f, 3).Build(random);
        var dense = network.DenseLayers.ToArray();
        foreach (var layer in dense) for (int i = 0; i < layer.Bias.Values.Length; i++) layer.Bias.Values[i] = 0.3f * random.NextGaussian();
        // Unit 2 of the first hidden layer reaches nothing; unit 5 reads nothing (its constant output moves into the next biases);
        // unit 7 of the second hidden layer reaches nothing.
        for (int o = 0; o < 8; o++) dense[1].Weights.Values[o * 10 + 2] = 0f;
        Array.Clear(dense[0].Weights.Values, 5 * 6, 6);
        dense[0].Bias.Values[5] = 0.7f;
        for (int o = 0; o < 3; o++) dense[2].Weights.Values[o * 8 + 7] = 0f;
        var sparseNetwork = new Network(network.Layers.Select((l, i) => i == 2 ? SparseDenseLayer.FromDense((DenseLayer)l) : l).ToArray());

        var shrunk = StructuredPruning.RemoveDeadUnits(sparseNetwork, out var removals);

        Assert.Equal([new UnitRemoval(0, 10, 8), new UnitRemoval(2, 8, 7)], removals);
        Assert.Equal([(6, 8), (8, 8), (8, 7), (7, 7), (7, 3)], shrunk.Layers.Select(l => (l.InputSize, l.OutputSize)));
        Assert.IsType<SparseDenseLayer>(shrunk.Layers[2]);
        float[] x = Enumerable.Range(0, 5 * 6).Select(_ => random.NextGaussian()).ToArray();
        float[] expected = network.Forward(x, network.CreateWorkspace(5), 5, ForwardMode.Inference).ToArray();
        float[] actual = shrunk.Forward(x, shrunk.CreateWorkspace(5), 5, ForwardMode.Inference).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"output {i}: {expected[i]} before, {actual[i]} after");
    }

    private static double NetworkEvaluatorAccuracy(Network network, TrainingData data) =>
        new NetworkEvaluator(network, new SigmoidBinaryCrossEntropyLoss(), data.FeatureCount, 1, 1).Evaluate(data, Enumerable.Range(0, data.Rows).ToArray()).Metric;
}
