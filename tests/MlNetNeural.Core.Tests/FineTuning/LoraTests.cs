using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Adaptation;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.FineTuning;

public class LoraTests
{
    /// <summary>A trained-looking network with a LoRA layer in the middle whose A and B are both non-zero.</summary>
    private static Network AdaptedNetwork(ActivationKind activation, int rank = 2, int seed = 3)
    {
        var random = new DeterministicRandom((ulong)seed);
        var network = new NetworkArchitecture(5, [6, 4], new Activation(activation, 0.1f), 0f, 3).Build(random);
        var adapted = LoraAdapters.Attach(network, [1], rank, alpha: 3f, random);
        var lora = (LoraDenseLayer)adapted.Layers[1];
        for (int i = 0; i < lora.B.Values.Length; i++) lora.B.Values[i] = 0.5f * random.NextGaussian();
        return adapted;
    }

    [Theory]
    [InlineData(ActivationKind.ReLU)]
    [InlineData(ActivationKind.Gelu)]
    [InlineData(ActivationKind.Tanh)]
    [InlineData(ActivationKind.Identity)]
    public void GradientsOfAAndBAndTheInputMatchFiniteDifferences(ActivationKind activation)
    {
        var network = AdaptedNetwork(activation);
        Assert.Equal(["layer0.weights", "layer0.bias", "layer1.lora_a", "layer1.lora_b", "layer2.weights", "layer2.bias"],
            network.Parameters.Select(p => p.Name));
        NetworkGradientCheck.Verify(network, batch: 5, seed: 11);
    }

    [Fact]
    public void AFreshAdapterLeavesTheNetworkUnchangedInTrainingAndInference()
    {
        var network = new NetworkArchitecture(7, [9], Activation.ReLU, 0f, 2).Build(new DeterministicRandom(5));
        var adapted = LoraAdapters.Attach(network, [0, 1], rank: 3, alpha: 6f, new DeterministicRandom(6));
        float[] x = Enumerable.Range(0, 4 * 7).Select(i => MathF.Sin(i)).ToArray();
        foreach (bool training in new[] { false, true })
        {
            var mode = new ForwardMode(training, new DeterministicRandom(1), 1);
            float[] expected = network.Forward(x, network.CreateWorkspace(4), 4, mode).ToArray();
            Assert.Equal(expected, adapted.Forward(x, adapted.CreateWorkspace(4), 4, mode).ToArray());
        }
    }

    [Fact]
    public void MergedNetworkScoresLikeBasePlusAdapterWithin1e5()
    {
        var adapted = AdaptedNetwork(ActivationKind.ReLU, rank: 3);
        var merged = LoraAdapters.Merge(adapted);
        Assert.All(merged.Layers, layer => Assert.IsNotType<LoraDenseLayer>(layer));
        var random = new DeterministicRandom(9);
        float[] x = Enumerable.Range(0, 32 * 5).Select(_ => 2f * random.NextGaussian()).ToArray();
        // The training path computes x·Wᵀ + (α/r)·(x·Aᵀ)·Bᵀ: base plus adapter, never merged.
        float[] unmerged = adapted.Forward(x, adapted.CreateWorkspace(32), 32, new ForwardMode(true, new DeterministicRandom(1), 1)).ToArray();
        float[] scored = merged.Forward(x, merged.CreateWorkspace(32), 32, ForwardMode.Inference).ToArray();
        double[] exact = DoubleReference.Forward(adapted, DoubleReference.CopyParameters(adapted), x, 32);
        for (int i = 0; i < scored.Length; i++)
        {
            Assert.True(Math.Abs(scored[i] - unmerged[i]) <= 1e-5 * Math.Max(1, Math.Abs(unmerged[i])), $"output {i}: merged {scored[i]}, base + adapter {unmerged[i]}");
            Assert.True(Math.Abs(scored[i] - exact[i]) <= 1e-5 * Math.Max(1, Math.Abs(exact[i])), $"output {i}: merged {scored[i]}, double reference {exact[i]}");
        }
        // Inference on the adapted network uses the merged matrix, so it equals the merged network bit for bit.
        Assert.Equal(scored, adapted.Forward(x, adapted.CreateWorkspace(32), 32, ForwardMode.Inference).ToArray());
    }

    [Fact]
    public void InferenceFollowsChangesToTheAdapter()
    {
        var adapted = AdaptedNetwork(ActivationKind.Tanh);
        var lora = (LoraDenseLayer)adapted.Layers[1];
        float[] x = [0.3f, -1f, 2f, 0.5f, 1.5f];
        float[] before = adapted.Forward(x, adapted.CreateWorkspace(1), 1, ForwardMode.Inference).ToArray();
        lora.A.Values[2] += 0.75f;
        float[] after = adapted.Forward(x, adapted.CreateWorkspace(1), 1, ForwardMode.Inference).ToArray();
        Assert.NotEqual(before, after);
        var merged = LoraAdapters.Merge(adapted);
        Assert.Equal(merged.Forward(x, merged.CreateWorkspace(1), 1, ForwardMode.Inference).ToArray(), after);
    }

    [Fact]
    public void TrainingMovesOnlyTheAdapterAndLearnsTheNewTask()
    {
        // Pretrained on the circles, adapted to circles 1.7 times larger (the inner one now lies outside the old boundary);
        // the output layer stays frozen, so only the adapters in the hidden layers can move the boundary.
        var data = ToyData.Circles(200, seed: 4);
        var larger = new TrainingData(data.Features.Select(v => 1.7f * v).ToArray(), 2, data.Targets);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var pretrained = new NetworkTrainer(new TrainerSettings { MaxEpochs = 30, Seed = 1, LearningRate = 1e-2f })
            .Train(new NetworkArchitecture(2, [16, 16], Activation.ReLU, 0f, 1), loss, data).Network;
        var adapted = LoraAdapters.Attach(pretrained, [0, 1], rank: 2, alpha: 2f, new DeterministicRandom(2));
        var lora = adapted.Layers.OfType<LoraDenseLayer>().ToArray();
        var baseWeights = lora.Select(l => l.BaseWeights.ToArray()).ToArray();
        var output = (DenseLayer)adapted.Layers[2];
        float[] head = output.Weights.Values.ToArray();
        double Accuracy() => new NetworkEvaluator(adapted, loss, 2, 1, 1).Evaluate(larger, Enumerable.Range(0, larger.Rows).ToArray()).Metric;
        double before = Accuracy();

        new NetworkTrainer(new TrainerSettings { MaxEpochs = 40, Seed = 1, LearningRate = 1e-2f, TrainableLayers = [0, 1] }).Train(adapted, loss, larger);

        for (int i = 0; i < lora.Length; i++) Assert.Equal(baseWeights[i], lora[i].BaseWeights.ToArray());
        Assert.Equal(head, output.Weights.Values);
        double after = Accuracy();
        Assert.True(before < 0.75 && after > 0.95, $"accuracy on the larger circles {before:P1} before, {after:P1} after");
        // Layer 0 (2 → 16, rank capped at 2): 2·2 + 16·2; layer 1 (16 → 16): 2·16 + 16·2.
        Assert.Equal(36 + 64, lora.Sum(l => l.Parameters.Sum(p => p.Values.Length)));
    }

    [Fact]
    public void SavedAndLoadedAdaptedNetworkScoresIdentically()
    {
        var adapted = AdaptedNetwork(ActivationKind.Gelu);
        var loaded = NetworkSerializer.FromBytes(NetworkSerializer.ToBytes(adapted));
        var lora = Assert.IsType<LoraDenseLayer>(loaded.Layers[1]);
        Assert.Equal((2, 3f), (lora.Rank, lora.Alpha));
        float[] x = Enumerable.Range(0, 3 * 5).Select(i => MathF.Cos(i)).ToArray();
        foreach (bool training in new[] { false, true })
        {
            var mode = new ForwardMode(training, new DeterministicRandom(1), 1);
            Assert.Equal(adapted.Forward(x, adapted.CreateWorkspace(3), 3, mode).ToArray(), loaded.Forward(x, loaded.CreateWorkspace(3), 3, mode).ToArray());
        }
    }

    [Fact]
    public void ACorruptRankIsRefusedWithAClearMessage()
    {
        byte[] bytes = NetworkSerializer.ToBytes(new Network([new LoraDenseLayer(new DenseLayer(3, 2, Activation.ReLU), 2, 2f)]));
        int rankOffset = 4 + 4 + 4 + 1 + 4 + 4 + 1 + 4;   // magic, version, layer count, kind, inputs, outputs, activation, slope
        BitConverter.GetBytes(7).CopyTo(bytes, rankOffset);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes.AsSpan(0, bytes.Length - 8)) hash = (hash ^ b) * 1099511628211UL;
        BitConverter.GetBytes(hash).CopyTo(bytes, bytes.Length - 8);
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes));
        Assert.Contains("LoRA rank must be from 1 to 2", error.Message);
    }
}
