using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.FineTuning;

public class FreezingTests
{
    private static Network Pretrained(TrainingData data) =>
        new NetworkTrainer(new TrainerSettings { MaxEpochs = 3, Seed = 2 })
            .Train(new NetworkArchitecture(2, [12, 8], Activation.ReLU, 0.1f, 1), new SigmoidBinaryCrossEntropyLoss(), data).Network;

    [Fact]
    public void FrozenParametersAreBitIdenticalAfterTrainingAndTheOthersMove()
    {
        var data = ToyData.Circles(150, seed: 1);
        var network = Pretrained(data);
        var before = network.SnapshotParameters();
        // Layers: 0 dense, 1 dropout, 2 dense, 3 dropout, 4 output. Train the second hidden layer and the output.
        new NetworkTrainer(new TrainerSettings { MaxEpochs = 5, Seed = 4, L2Penalty = 1e-2f, GradientClipNorm = 0.5f, TrainableLayers = [2, 4] })
            .Train(network, new SigmoidBinaryCrossEntropyLoss(), data);
        var after = network.SnapshotParameters();
        Assert.Equal(before[0], after[0]);
        Assert.Equal(before[1], after[1]);
        for (int p = 2; p < before.Length; p++) Assert.NotEqual(before[p], after[p]);
    }

    [Fact]
    public void TrainableGradientsEqualThoseOfTheFullBackwardPassAndFrozenOnesAreNotComputed()
    {
        var random = new DeterministicRandom(5);
        var network = new NetworkArchitecture(7, [9, 6], new Activation(ActivationKind.Gelu), 0f, 3).Build(random);
        float[] x = Enumerable.Range(0, 4 * 7).Select(_ => random.NextGaussian()).ToArray();
        float[] dy = Enumerable.Range(0, 4 * 3).Select(_ => random.NextGaussian()).ToArray();
        var workspace = network.CreateWorkspace(4);
        var mode = new ForwardMode(true, new DeterministicRandom(1), 1);
        network.Forward(x, workspace, 4, mode);
        network.Backward(x, workspace, (float[])dy.Clone(), 4, 1);
        var full = network.Parameters.Select(p => (float[])p.Gradient.Clone()).ToArray();
        foreach (var p in network.Parameters) Array.Fill(p.Gradient, float.NaN);

        network.Forward(x, workspace, 4, mode);
        network.Backward(x, workspace, (float[])dy.Clone(), 4, 1, LayerFreezing.For(network, [2]));
        for (int p = 0; p < 4; p++) Assert.All(network.Parameters[p].Gradient, g => Assert.True(float.IsNaN(g)));   // layers 0 and 1 untouched
        for (int p = 4; p < 6; p++) Assert.Equal(full[p], network.Parameters[p].Gradient);
        network.Forward(x, workspace, 4, mode);
        network.Backward(x, workspace, (float[])dy.Clone(), 4, 1, LayerFreezing.For(network, [1]));
        Assert.Equal(full[2], network.Parameters[2].Gradient);   // layer 1 back-propagates through the frozen output layer
        Assert.Equal(full[3], network.Parameters[3].Gradient);
        Assert.All(network.Parameters[0].Gradient, g => Assert.True(float.IsNaN(g)));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void TheBackwardPassStopsAtTheFirstLayerWithTrainableParameters(bool learnableGain, int expectedFirst)
    {
        var network = new Network([new FeatureScalingLayer([1f, -2f, 0.5f], [2f, 1f, 4f], 3f, learnableGain),
            new DenseLayer(3, 5, Activation.ReLU), new DenseLayer(5, 2, Activation.Identity)]);
        var freezing = LayerFreezing.For(network, null);
        Assert.Equal(expectedFirst, freezing.FirstTrainableLayer);

        var random = new DeterministicRandom(3);
        foreach (var p in network.Parameters) for (int i = 0; i < p.Values.Length; i++) p.Values[i] = random.NextGaussian();
        float[] x = Enumerable.Range(0, 4 * 3).Select(_ => 3 * random.NextGaussian()).ToArray();
        float[] dy = Enumerable.Range(0, 4 * 2).Select(_ => random.NextGaussian()).ToArray();
        var workspace = network.CreateWorkspace(4);
        network.Forward(x, workspace, 4, ForwardMode.Inference);
        network.Backward(x, workspace, (float[])dy.Clone(), 4, 1, new float[4 * 3]);
        var full = network.Parameters.Select(p => (float[])p.Gradient.Clone()).ToArray();
        foreach (var p in network.Parameters) Array.Fill(p.Gradient, float.NaN);
        network.Forward(x, workspace, 4, ForwardMode.Inference);
        network.Backward(x, workspace, (float[])dy.Clone(), 4, 1, freezing);
        for (int p = 0; p < full.Length; p++) Assert.Equal(full[p], network.Parameters[p].Gradient);
    }

    [Fact]
    public void TheOptimizerSeesOnlyTheTrainableParameters()
    {
        var data = ToyData.Circles(64, seed: 3);
        var network = Pretrained(data);
        var spy = new SpyOptimizerSettings();
        new NetworkTrainer(new TrainerSettings { MaxEpochs = 1, Optimizer = spy, TrainableLayers = [4] }).Train(network, new SigmoidBinaryCrossEntropyLoss(), data);
        Assert.Equal(["output.weights", "output.bias"], spy.Seen.Distinct());
    }

    [Fact]
    public void NothingBelowTheFirstTrainableLayerIsBackPropagated()
    {
        var data = ToyData.Circles(64, seed: 3);
        var network = new Network([new NoBackwardLayer(2), .. Pretrained(data).Layers]);
        var result = new NetworkTrainer(new TrainerSettings { MaxEpochs = 2, TrainableLayers = [3, 5] }).Train(network, new SigmoidBinaryCrossEntropyLoss(), data);
        Assert.Equal(2, result.History.Epochs.Count);
        // With every layer training, a layer without parameters under the first dense layer is not back-propagated either.
        var full = new NetworkTrainer(new TrainerSettings { MaxEpochs = 1 }).Train(network, new SigmoidBinaryCrossEntropyLoss(), data);
        Assert.Single(full.History.Epochs);
    }

    [Fact]
    public void ContinuingARunIsAFreshRunFromTheTrainedWeightsWhereverTheyComeFrom()
    {
        // Warm start keeps no optimizer state or random-stream positions: a continued run restarts them from the seed.
        // Continuing in memory and continuing from the saved network therefore give the same bits.
        var data = ToyData.Circles(120, seed: 6);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var settings = new TrainerSettings { MaxEpochs = 4, Seed = 9 };
        var inMemory = new NetworkTrainer(settings).Train(new NetworkArchitecture(2, [8], Activation.ReLU, 0.2f, 1), loss, data).Network;
        var reloaded = NetworkSerializer.FromBytes(NetworkSerializer.ToBytes(inMemory));
        new NetworkTrainer(settings with { MaxEpochs = 3 }).Train(inMemory, loss, data);
        new NetworkTrainer(settings with { MaxEpochs = 3 }).Train(reloaded, loss, data);
        Assert.Equal(NetworkSerializer.ToBytes(inMemory), NetworkSerializer.ToBytes(reloaded));
    }

    [Fact]
    public void SelectionsThatCannotTrainAreRefusedByName()
    {
        var data = ToyData.Circles(32, seed: 3);
        var network = Pretrained(data);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkTrainer(new TrainerSettings { TrainableLayers = [5] }).Train(network, new SigmoidBinaryCrossEntropyLoss(), data));
        Assert.Contains("layers 0 to 4", outside.Message);
        var nothing = Assert.Throws<ArgumentException>(() => new NetworkTrainer(new TrainerSettings { TrainableLayers = [1, 3] }).Train(network, new SigmoidBinaryCrossEntropyLoss(), data));
        Assert.Contains("nothing would train", nothing.Message);
    }

    /// <summary>Records the names of the parameters each step receives.</summary>
    private sealed record SpyOptimizerSettings : OptimizerSettings
    {
        public List<string> Seen { get; } = [];

        public override IOptimizer Create() => new Spy(this, base.Create());

        private sealed class Spy(SpyOptimizerSettings owner, IOptimizer inner) : IOptimizer
        {
            public void Step(IReadOnlyList<Parameter> parameters, float learningRate)
            {
                owner.Seen.AddRange(parameters.Select(p => p.Name));
                inner.Step(parameters, learningRate);
            }
        }
    }

    /// <summary>A pass-through first layer that fails if the backward pass ever reaches it.</summary>
    private sealed class NoBackwardLayer(int size) : Layer(size, size)
    {
        public override string Description => "no backward";

        internal override LayerFormat Format => throw new NotSupportedException();

        internal override void WriteFields(BinaryWriter writer) => throw new NotSupportedException();

        public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode) => input[..(batch * InputSize)].CopyTo(buffers.Output);

        public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads) =>
            throw new InvalidOperationException("The backward pass reached the first layer.");
    }
}
