using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.FineTuning;

public class SparseLayerTests
{
    private static float[] RandomMatrix(int rows, int columns, float density, DeterministicRandom random) =>
        Enumerable.Range(0, rows * columns).Select(_ => random.NextFloat() < density ? random.NextGaussian() : 0f).ToArray();

    [Theory]
    [InlineData(1, 0.1f)]
    [InlineData(3, 0.5f)]
    [InlineData(17, 0.05f)]
    [InlineData(64, 0.3f)]
    public void SparseProductsMatchTheDenseKernelAndARowAloneGivesTheSameBitsAsInABatch(int m, float density)
    {
        var random = new DeterministicRandom(7);
        const int n = 37, k = 53;
        float[] dense = RandomMatrix(n, k, density, random);
        var sparse = CsrMatrix.FromDense(dense, n, k);
        float[] a = RandomMatrix(m, k, 1f, random);
        var c = new float[m * n];
        SparseGemm.MultiplyTransposedB(a, sparse, c, m, new float[SparseGemm.ForwardScratchLength(m, k)]);
        var expected = new float[m * n];
        Gemm.MultiplyTransposedB(a, dense, expected, m, n, k);
        for (int i = 0; i < c.Length; i++) Assert.True(Math.Abs(c[i] - expected[i]) < 1e-4f, $"element {i}: sparse {c[i]}, dense {expected[i]}");
        for (int row = 0; row < m; row++)
        {
            var single = new float[n];
            SparseGemm.MultiplyTransposedB(a.AsSpan(row * k, k), sparse, single, 1, []);
            Assert.Equal(c.AsSpan(row * n, n).ToArray(), single);
        }

        float[] dy = RandomMatrix(m, n, 1f, random);
        var dx = new float[m * k];
        var scratch = new float[SparseGemm.BackwardScratchLength(m, n, k)];
        SparseGemm.Multiply(dy, sparse, dx, m, scratch);
        var expectedDx = new float[m * k];
        Gemm.Multiply(dy, dense, expectedDx, m, k, n);
        for (int i = 0; i < dx.Length; i++) Assert.True(Math.Abs(dx[i] - expectedDx[i]) < 1e-4f, $"input gradient {i}");

        var dValues = new float[sparse.NonZeroCount];
        SparseGemm.MultiplyAtPattern(dy, a, sparse, dValues, m, scratch);
        var dw = new float[n * k];
        Gemm.MultiplyTransposedA(dy, a, dw, n, k, m);
        var expectedValues = new float[sparse.NonZeroCount];
        sparse.GatherFrom(dw, expectedValues);
        for (int i = 0; i < dValues.Length; i++) Assert.True(Math.Abs(dValues[i] - expectedValues[i]) < 1e-4f, $"weight gradient {i}");
    }

    [Theory]
    [InlineData(0.1f, ActivationKind.ReLU)]
    [InlineData(0.6f, ActivationKind.Gelu)]
    [InlineData(0.15f, ActivationKind.Sigmoid)]
    public void GradientsMatchFiniteDifferencesWithEitherKernel(float density, ActivationKind activation)
    {
        var random = new DeterministicRandom(21);
        var network = new Network([
            new DenseLayer(6, 8, new Activation(ActivationKind.Tanh)),
            new SparseDenseSpec(9, new Activation(activation), density).Build(8, 1, random),
            new DenseLayer(9, 2, Activation.Identity)]);
        foreach (var layer in network.Layers.OfType<DenseLayer>())
            foreach (var p in layer.Parameters) for (int i = 0; i < p.Values.Length; i++) p.Values[i] = 0.5f * random.NextGaussian();
        var sparse = (SparseDenseLayer)network.Layers[1];
        for (int i = 0; i < sparse.Bias.Values.Length; i++) sparse.Bias.Values[i] = 0.1f * random.NextGaussian();
        Assert.True((density <= SparseDenseLayer.DenseKernelAboveDensity) == sparse.UsesSparseKernel, $"density {sparse.Weights.Density}");
        NetworkGradientCheck.Verify(network, batch: 6, seed: 5);
    }

    [Fact]
    public void FromDenseKeepsTheFunctionAndSavedFilesShrinkWithSparsity()
    {
        var random = new DeterministicRandom(3);
        var network = new NetworkArchitecture(40, [30], Activation.ReLU, 0f, 5).Build(random);
        float[] x = RandomMatrix(8, 40, 1f, random);
        long denseBytes = NetworkSerializer.ToBytes(network).Length;
        long previous = denseBytes;
        foreach (float sparsity in new[] { 0.5f, 0.8f, 0.9f, 0.95f })
        {
            var pruned = network.Copy();
            MagnitudePruning.Prune(pruned, sparsity);
            var sparse = new Network(pruned.Layers.Select(l => l is DenseLayer d ? SparseDenseLayer.FromDense(d) : l).ToArray());
            var loaded = NetworkSerializer.FromBytes(NetworkSerializer.ToBytes(sparse));
            float[] expected = pruned.Forward(x, pruned.CreateWorkspace(8), 8, ForwardMode.Inference).ToArray();
            float[] actual = loaded.Forward(x, loaded.CreateWorkspace(8), 8, ForwardMode.Inference).ToArray();
            for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"output {i} at sparsity {sparsity}");
            long bytes = NetworkSerializer.ToBytes(sparse).Length;
            Assert.True(bytes < previous, $"{bytes} bytes at sparsity {sparsity}, {previous} before");
            // The kept weights, a one-bit-per-weight map (1/32 of the dense weights' size), the biases and headers.
            Assert.True(bytes <= denseBytes * (1 - sparsity + 1.0 / 32 + 0.05), $"{bytes} bytes at sparsity {sparsity} against {denseBytes} dense");
            previous = bytes;
            Assert.Equal(NetworkSerializer.ToBytes(sparse), NetworkSerializer.ToBytes(loaded));
            var back = ((SparseDenseLayer)loaded.Layers[0]).ToDense();
            Assert.Equal(((DenseLayer)pruned.Layers[0]).Weights.Values, back.Weights.Values);
        }
    }

    [Fact]
    public void ACorruptBitmapIsRefused()
    {
        var layer = SparseDenseLayer.FromDense(new NetworkArchitecture(4, [], Activation.Identity, 0f, 3).Build(new DeterministicRandom(1)).DenseLayers.Single());
        byte[] bytes = NetworkSerializer.ToBytes(new Network([layer]));
        int bitmapOffset = 4 + 4 + 4 + 1 + 4 + 4 + 1 + 4 + 4;
        bytes[bitmapOffset] ^= 0b10;   // one weight more or less than declared
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes.AsSpan(0, bytes.Length - 8)) hash = (hash ^ b) * 1099511628211UL;
        BitConverter.GetBytes(hash).CopyTo(bytes, bytes.Length - 8);
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes));
        Assert.Contains("bitmap", error.Message);
    }
}
