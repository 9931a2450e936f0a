using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Tests.Core;

public class ScoringWorkspaceTests
{
    private const int Features = 300, Rows = 40;

    private static Network Sample()
    {
        var random = new DeterministicRandom(21);
        var shift = Enumerable.Range(0, Features).Select(j => j * 0.01f).ToArray();
        var scale = Enumerable.Range(0, Features).Select(j => 1f + j % 7 * 0.1f).ToArray();
        return new NetworkArchitecture(Features,
        [
            new FeatureScalingSpec(shift, scale, ClipBound: 5f),
            new PeriodicEmbeddingSpec([0, 5, 17, 299]), // scoring buffers keep no sines
            new DenseSpec(140, new Activation(ActivationKind.Gelu)), // on AVX-512 four full panels at once and an edge panel
            new DropoutSpec(0.3f),
            new LoraDenseSpec(33, new Activation(ActivationKind.ReLU), Rank: 2),
            new SparseDenseSpec(20, new Activation(ActivationKind.Tanh), Density: 0.5f),
            new DenseSpec(3, Activation.Identity),
        ]).Build(random);
    }

    /// <summary>Gaussian values, every third one at its feature's shift so that it scales to zero (the one-row product skips those).</summary>
    private static float[] Input(int seed) =>
        Enumerable.Range(0, Rows * Features).Select(i => i % 3 == 0 ? i % Features * 0.01f : new DeterministicRandom((ulong)(seed + i)).NextGaussian() * 2f).ToArray();

    [Fact]
    public void ScoringGivesTheBitsOfThePlainWorkspaceOneRowOrMany()
    {
        var network = Sample();
        float[] x = Input(3);
        float[] expected = network.Forward(x, network.CreateWorkspace(Rows), Rows, ForwardMode.Inference).ToArray();

        var batched = network.CreateScoringWorkspace(Rows);
        Assert.Equal(Bits(expected), Bits(network.Forward(x, batched, Rows, ForwardMode.Inference).ToArray()));

        var single = network.CreateScoringWorkspace(1);
        for (int row = 0; row < Rows; row++)
        {
            float[] scores = network.Forward(x.AsSpan(row * Features, Features), single, 1, ForwardMode.Inference).ToArray();
            Assert.Equal(Bits(expected.AsSpan(row * 3, 3).ToArray()), Bits(scores));
        }
    }

    [Fact]
    public void ABackwardPassThroughScoringBuffersIsRefusedByName()
    {
        var network = Sample();
        float[] x = Input(4);
        var scoring = network.CreateScoringWorkspace(Rows);
        float[] outputGradient = [.. network.Forward(x, scoring, Rows, ForwardMode.Inference).ToArray().Select(_ => 1f)];

        var error = Assert.Throws<InvalidOperationException>(() => network.Backward(x, scoring, outputGradient, Rows, 1));

        Assert.Contains("Use Network.CreateWorkspace", error.Message);
    }

    [Fact]
    public void ScoringWorkspaceKeepsTheWeightsItWasCreatedWith()
    {
        var network = Sample();
        float[] x = Input(5);
        var scoring = network.CreateScoringWorkspace(1);
        float[] before = network.Forward(x, scoring, 1, ForwardMode.Inference).ToArray();
        var hidden = network.DenseLayers.First().Weights.Values;
        for (int i = 0; i < hidden.Length; i++) hidden[i] *= -1f;

        Assert.Equal(Bits(before), Bits(network.Forward(x, scoring, 1, ForwardMode.Inference).ToArray()));
        float[] changed = network.Forward(x, network.CreateScoringWorkspace(1), 1, ForwardMode.Inference).ToArray();
        Assert.Equal(Bits(network.Forward(x, network.CreateWorkspace(1), 1, ForwardMode.Inference).ToArray()), Bits(changed));
        Assert.NotEqual(Bits(before), Bits(changed));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SkippingZeroInputsKeepsTheSignOfAZeroScore(bool negativeZeroBias)
    {
        float bias = negativeZeroBias ? -0f : 0f;
        // 1e-30·(−1e-30) underflows to −0; the full product then adds 0·1 and ends at +0, a product that skips the zero input
        // stays at −0. Plus a bias of +0 both give +0; plus −0 they would differ, so that bias turns the skipping off.
        var layer = new DenseLayer(2, 1, Activation.Identity);
        layer.Weights.Values[0] = -1e-30f;
        layer.Weights.Values[1] = 1f;
        layer.Bias.Values[0] = bias;
        var network = new Network([layer]);
        float[] x = [1e-30f, 0f];
        var scoring = network.CreateScoringWorkspace(1);
        var packed = ((AffineBuffers)scoring.Buffers[0]).PackedWeights!;

        Assert.Equal(!negativeZeroBias, packed.SkipsZeroInputs);
        float expected = network.Forward(x, network.CreateWorkspace(1), 1, ForwardMode.Inference)[0];
        Assert.Equal(BitConverter.SingleToInt32Bits(0f), BitConverter.SingleToInt32Bits(expected));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(network.Forward(x, scoring, 1, ForwardMode.Inference)[0]));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
