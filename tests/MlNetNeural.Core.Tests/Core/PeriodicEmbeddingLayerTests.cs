using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using static MlNetNeural.Tests.Core.DoubleReference;

namespace MlNetNeural.Tests.Core;

/// <summary>Periodic numerical embeddings: values by hand, gradients against finite differences, file format, feature choice.</summary>
public sealed class PeriodicEmbeddingLayerTests
{
    private const int Batch = 4, Features = 5;
    private static readonly int[] Embedded = [0, 2, 3];

    private static Network Build(int seed, int frequencies = 4) => new NetworkArchitecture(Features,
    [
        new PeriodicEmbeddingSpec(Embedded, Frequencies: frequencies, EmbeddingSize: 3, Sigma: 0.5f),
        new DenseSpec(6, new Activation(ActivationKind.Tanh)),
        new DenseSpec(2, Activation.Identity),
    ]).Build(new DeterministicRandom((ulong)seed));

    [Fact]
    public void ForwardKeepsTheInputsAndAppendsEachEmbeddingByHand()
    {
        var layer = new PeriodicEmbeddingLayer(2, [1], frequencies: 2, embeddingSize: 1, learningRateFactor: 0.1f);
        layer.FrequencyValues.Values[0] = 0.25f; layer.FrequencyValues.Values[1] = 0.5f;
        layer.Phases.Values[0] = 0f; layer.Phases.Values[1] = 0f;
        layer.Weights.Values[0] = 1f; layer.Weights.Values[1] = 2f;
        layer.Bias.Values[0] = 0.5f;
        var buffers = layer.CreateBuffers(1);
        layer.Forward([7f, 1f], buffers, 1, ForwardMode.Inference);
        // x = 1: cos(2π·0.25) = 0, cos(2π·0.5) = −1 → 1·0 + 2·(−1) + 0.5 = −1.5
        Assert.Equal(7f, buffers.Output[0]);
        Assert.Equal(1f, buffers.Output[1]);
        Assert.Equal(-1.5f, buffers.Output[2], 5);
        Assert.Equal(3, layer.OutputSize);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(12, false)] // a whole vector and a tail on every vector width
    [InlineData(4, true)]   // a training run's faster sine, cosine and sums: the tail alone,
    [InlineData(12, true)]  // and a vector and a tail
    public void GradientsMatchFiniteDifferences(int frequencies, bool inTrainingRun)
    {
        var network = Build(21, frequencies);
        var random = new DeterministicRandom(5);
        float[] x = Enumerable.Range(0, Batch * Features).Select(_ => 1.5f * random.NextGaussian()).ToArray();
        float[] targets = Enumerable.Range(0, Batch * 2).Select(_ => random.NextGaussian()).ToArray();
        var loss = new MeanSquaredErrorLoss(2);
        var workspace = network.CreateWorkspace(Batch);
        var y = network.Forward(x, workspace, Batch, new ForwardMode(true, new DeterministicRandom(1), 1) { InTrainingRun = inTrainingRun });
        var outputGradient = new float[Batch * 2];
        loss.Compute(y, targets, default, Batch, outputGradient);
        var inputGradient = new float[x.Length];
        network.Backward(x, workspace, outputGradient, Batch, 1, inputGradient);

        var parameters = CopyParameters(network);
        double[] input = x.Select(v => (double)v).ToArray();
        double Reference() => Loss(LossKind.Mse, Forward(network, parameters, input, Batch), targets, null, Batch, 2);
        for (int p = 0; p < network.Parameters.Count; p++)
        for (int i = 0; i < parameters[p].Length; i++)
        {
            double original = parameters[p][i];
            parameters[p][i] = original + 1e-6;
            double plus = Reference();
            parameters[p][i] = original - 1e-6;
            double minus = Reference();
            parameters[p][i] = original;
            AssertClose((plus - minus) / 2e-6, network.Parameters[p].Gradient[i], $"{network.Parameters[p].Name}[{i}]");
        }
        for (int i = 0; i < input.Length; i++)
        {
            double original = input[i];
            input[i] = original + 1e-6;
            double plus = Reference();
            input[i] = original - 1e-6;
            double minus = Reference();
            input[i] = original;
            AssertClose((plus - minus) / 2e-6, inputGradient[i], $"input[{i}]");
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(19)]
    public void ScoringComputesExactlyAsSavedModelsWereScored(int frequencies)
    {
        // The arithmetic of the layer's forward pass before 2026-12-01, by the library calls it made: saved models must keep
        // scoring the same bits, so scoring must not take the training run's faster kernels.
        var layer = (PeriodicEmbeddingLayer)Build(31, frequencies).Layers[0];
        var random = new DeterministicRandom(9);
        float[] x = [.. Enumerable.Range(0, Batch * Features).Select(_ => 2f * random.NextGaussian())];
        var buffers = layer.CreateBuffers(Batch);

        layer.Forward(x, buffers, Batch, ForwardMode.Inference);

        int k = frequencies, d = layer.EmbeddingSize, width = layer.OutputSize;
        var omega = new float[Embedded.Length * k];
        System.Numerics.Tensors.TensorPrimitives.Multiply(layer.FrequencyValues.Values, 2f * MathF.PI, omega);
        for (int row = 0; row < Batch; row++)
        for (int s = 0; s < Embedded.Length; s++)
        {
            var angles = new float[k];
            var cosines = new float[k];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(omega.AsSpan(s * k, k), x[row * Features + Embedded[s]], layer.Phases.Values.AsSpan(s * k, k), angles);
            System.Numerics.Tensors.TensorPrimitives.Cos(angles, cosines);
            for (int o = 0; o < d; o++)
            {
                float expected = layer.Bias.Values[s * d + o] + System.Numerics.Tensors.TensorPrimitives.Dot(layer.Weights.Values.AsSpan((s * d + o) * k, k), cosines);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(buffers.Output[row * width + Features + s * d + o]));
            }
        }
    }

    [Fact]
    public void ATrainingRunsFasterForwardPassAgreesWithScoringToRounding()
    {
        var layer = (PeriodicEmbeddingLayer)Build(33, frequencies: 16).Layers[0];
        var random = new DeterministicRandom(10);
        float[] x = [.. Enumerable.Range(0, Batch * Features).Select(_ => 3f * random.NextGaussian())];
        LayerBuffers scoring = layer.CreateBuffers(Batch), training = layer.CreateBuffers(Batch);

        layer.Forward(x, scoring, Batch, ForwardMode.Inference);
        layer.Forward(x, training, Batch, new ForwardMode(true, new DeterministicRandom(1), 1) { InTrainingRun = true });

        for (int i = 0; i < Batch * layer.OutputSize; i++) Assert.Equal(scoring.Output[i], training.Output[i], 1e-6f);
    }

    [Fact]
    public void AForwardOnlyPassGivesTheSameBitsAndSkipsTheSines()
    {
        var network = Build(34, frequencies: 12);
        var random = new DeterministicRandom(11);
        float[] first = [.. Enumerable.Range(0, Batch * Features).Select(_ => 2f * random.NextGaussian())];
        float[] second = [.. Enumerable.Range(0, Batch * Features).Select(_ => 2f * random.NextGaussian())];
        float[] ones = [.. Enumerable.Repeat(1f, Batch * 2)];
        var full = network.CreateWorkspace(Batch);
        float[] expected = network.Forward(second, full, Batch, ForwardMode.Inference).ToArray();
        float[] expectedGradient = InputGradient(network, second, full, ones);

        // A forward-only pass over the second rows after a full pass over the first: the same outputs as a full pass, but the
        // sines a backward pass reads are still the first rows' (validation never runs one), so its input gradient differs.
        var reused = network.CreateWorkspace(Batch);
        network.Forward(first, reused, Batch, ForwardMode.Inference);
        float[] outputs = network.Forward(second, reused, Batch, ForwardMode.Inference with { ForwardOnly = true }).ToArray();

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), outputs.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(expectedGradient, InputGradient(network, second, reused, ones));
    }

    private static float[] InputGradient(Network network, float[] x, NetworkWorkspace workspace, float[] outputGradient)
    {
        var inputGradient = new float[x.Length];
        network.Backward(x, workspace, (float[])outputGradient.Clone(), Batch, 1, inputGradient);
        return inputGradient;
    }

    [Fact]
    public void SavedAndLoadedItScoresBitForBit()
    {
        var network = Build(8);
        byte[] bytes = NetworkSerializer.ToBytes(network);
        var loaded = NetworkSerializer.FromBytes(bytes);
        Assert.Equal(bytes, NetworkSerializer.ToBytes(loaded));
        float[] x = Enumerable.Range(0, 2 * Features).Select(i => i * 0.37f - 1f).ToArray();
        Assert.Equal(network.Forward(x, network.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray(),
            loaded.Forward(x, loaded.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray());
        var periodic = Assert.IsType<PeriodicEmbeddingLayer>(loaded.Layers[0]);
        Assert.Equal(Embedded, periodic.EmbeddedFeatures);
        float factor = ((PeriodicEmbeddingLayer)network.Layers[0]).LearningRateFactor;
        Assert.Equal(PeriodicEmbeddingSpec.DefaultLearningRateFactor, factor);
        Assert.All(periodic.Parameters, p => Assert.Equal(factor, p.LearningRateFactor));
        Assert.StartsWith("periodic embeddings of 3 of 5 features", loaded.Describe()[0]);
    }

    [Fact]
    public void OnlyFeaturesWithMoreThanTwoValuesAreEmbedded()
    {
        // columns: a switch (0/1), a constant, a numeric column, a two-valued non-binary column, a three-valued column
        float[][] rows = [[0f, 5f, 0.1f, 2f, 1f], [1f, 5f, 0.7f, -2f, 2f], [1f, 5f, 0.3f, 2f, 3f], [0f, 5f, 0.9f, -2f, 1f]];
        var data = new TrainingData(rows.SelectMany(r => r).ToArray(), 5, new float[4]);
        Assert.Equal([2, 4], PeriodicEmbeddingSpec.NumericFeatures(data));
    }

    [Fact]
    public void ItsParametersTrainAtTheirLearningRateFactor()
    {
        var slow = new Parameter("slow", 1, isWeightMatrix: false) { LearningRateFactor = 0.1f };
        var fast = new Parameter("fast", 1, isWeightMatrix: false);
        slow.Gradient[0] = 1f;
        fast.Gradient[0] = 1f;
        new SgdOptimizer(0f).Step([slow, fast], 0.5f);
        Assert.Equal(-0.05f, slow.Values[0], 6);
        Assert.Equal(-0.5f, fast.Values[0], 6);
        var adamSlow = new Parameter("slow", 1, false) { LearningRateFactor = 0.1f };
        adamSlow.Gradient[0] = 3f;
        new AdamOptimizer().Step([adamSlow], 0.01f);
        Assert.Equal(-0.001f, adamSlow.Values[0], 6); // Adam's first step is the rate times sign(g)
    }

    [Fact]
    public void CorruptFieldsAreRefusedByName()
    {
        var network = Build(3);
        byte[] bytes = NetworkSerializer.ToBytes(network);
        const int CountOffset = 4 + 4 + 4 + 1 + 4;
        var huge = (byte[])bytes.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(huge.AsSpan(CountOffset), Features + 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(huge.AsSpan(huge.Length - 8), NetworkFormat.Fnv1a(huge.AsSpan(0, huge.Length - 8)));
        Assert.Contains("embeds 6 of 5 features", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(huge)).Message);
    }
}
