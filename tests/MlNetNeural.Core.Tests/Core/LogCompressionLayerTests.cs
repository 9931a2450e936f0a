using System.Buffers.Binary;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using static MlNetNeural.Tests.Core.CraftedNetworkFiles;
using static MlNetNeural.Tests.Core.DoubleReference;

namespace MlNetNeural.Tests.Core;

/// <summary>The log-compression layer: values by hand and against double precision, gradients against finite differences, its file format.</summary>
public sealed class LogCompressionLayerTests
{
    private const int Batch = 5, Features = 4;
    private static readonly float[] Scales = [0.5f, 0f, 2f, 1e-3f];

    [Fact]
    public void ForwardComputesSignedLog1pOfTheScaledMagnitudeByHand()
    {
        var layer = new LogCompressionLayer([2f, 0f, 1f]);
        var buffers = layer.CreateBuffers(1);
        layer.Forward([6f, 5f, -3f], buffers, 1, ForwardMode.Inference);
        Assert.Equal(MathF.Log(4f), buffers.Output[0], 6); // ln(1 + 6/2)
        Assert.Equal(5f, buffers.Output[1]);                 // scale 0: as it is
        Assert.Equal(-MathF.Log(4f), buffers.Output[2], 6);  // odd: −ln(1 + 3/1)
        Assert.Equal([0, 2], layer.CompressedFeatures);
        Assert.Equal("log compression of 2 of 3 features", layer.Description);
    }

    [Fact]
    public void ValuesMatchDoublePrecisionFromTinyToTheLargestFloatsWithoutOverflow()
    {
        float[] xs = [0f, -0f, 1e-30f, 1e-6f, 0.3f, 0.999f, 1f, 1.001f, 7f, 1e6f, -1e6f, 1e30f, -3e38f, float.MaxValue];
        foreach (float s in new[] { 1e-30f, 1e-3f, 1f, 1234.5f, 1e30f })
        {
            foreach (float x in xs)
            {
                float y = LogCompressionLayer.Compress(x, s);
                double expected = Math.CopySign(Math.Log(1 + Math.Abs((double)x) / s), x);
                Assert.True(float.IsFinite(y), $"x {x:R}, s {s:R}: {y}");
                Assert.True(Math.Abs(y - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"x {x:R}, s {s:R}: {y:R}, expected {expected:R}");
            }
        }
        Assert.Equal(-2.5f, LogCompressionLayer.Compress(-2.5f, 0f));
    }

    [Fact]
    public void ItIsStrictlyIncreasing()
    {
        float previous = float.NegativeInfinity;
        for (float x = -50f; x <= 50f; x += 0.25f)
        {
            float y = LogCompressionLayer.Compress(x, 3f);
            Assert.True(y > previous, $"at {x}");
            previous = y;
        }
    }

    [Fact]
    public void InputGradientsMatchFiniteDifferences()
    {
        var random = new DeterministicRandom(13);
        var network = new NetworkArchitecture(Features,
        [
            new LogCompressionSpec(Scales),
            new FeatureScalingSpec([0.2f, 1f, 0.5f, 2f], [1.5f, 0.5f, 1f, 0.3f], ClipBound: 3f),
            new DenseSpec(6, new Activation(ActivationKind.Tanh)),
            new DenseSpec(2, Activation.Identity),
        ]).Build(random);
        // Negative, small and large values, away from 0 where |x| has its kink (the map is smooth there, the finite difference not).
        float[] x = Enumerable.Range(0, Batch * Features).Select(i => (i % 3 == 0 ? -1f : 1f) * (0.05f + 4f * random.NextFloat())).ToArray();
        float[] targets = Enumerable.Range(0, Batch * 2).Select(_ => random.NextGaussian()).ToArray();
        var loss = new MeanSquaredErrorLoss(2);

        var workspace = network.CreateWorkspace(Batch);
        var y = network.Forward(x, workspace, Batch, ForwardMode.Inference);
        var outputGradient = new float[Batch * 2];
        loss.Compute(y, targets, default, Batch, outputGradient);
        var inputGradient = new float[Batch * Features];
        network.Backward(x, workspace, outputGradient, Batch, 1, inputGradient);

        var parameters = CopyParameters(network);
        double Reference(double[] input) => Loss(LossKind.Mse, Forward(network, parameters, input, Batch), targets, null, Batch, 2);
        AssertInputGradients(x, Reference, inputGradient, value => 1e-7 * Math.Max(1e-2, Math.Abs(value)));
        Assert.Empty(network.Layers[0].Parameters);
    }

    [Fact]
    public void SavedAndLoadedItScoresBitForBit()
    {
        var network = new NetworkArchitecture(Features, [new LogCompressionSpec(Scales), new DenseSpec(1, Activation.Identity)]).Build(new DeterministicRandom(3));
        byte[] bytes = NetworkSerializer.ToBytes(network);
        var loaded = NetworkSerializer.FromBytes(bytes);

        Assert.Equal(bytes, NetworkSerializer.ToBytes(loaded));
        Assert.Equal(Scales, Assert.IsType<LogCompressionLayer>(loaded.Layers[0]).Scales.ToArray());
        float[] x = [1f, 2f, 3f, 4f, -1f, 0f, 30f, 1e30f];
        Assert.Equal(network.Forward(x, network.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray(),
            loaded.Forward(x, loaded.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray());
        Assert.Equal("log compression of 3 of 4 features", loaded.Describe()[0]);
    }

    [Fact]
    public void CraftedFilesAreRefusedByNameBeforeAnyLargeAllocation()
    {
        var network = new Network([new LogCompressionLayer(Scales), new DenseLayer(Features, 1, Activation.Identity)]);
        byte[] bytes = NetworkSerializer.ToBytes(network);
        const int SizeOffset = 4 + 4 + 4 + 1, FirstScale = SizeOffset + 4;
        Assert.Equal(7, bytes[SizeOffset - 1]); // the kind byte of a log-compression layer
        var hugeSize = Rehash(bytes, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(SizeOffset), int.MaxValue));
        Assert.Contains("scales of layer 0", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(hugeSize)).Message);
        var noFeatures = Rehash(bytes, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(SizeOffset), 0));
        Assert.Contains("0 features", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(noFeatures)).Message);
        var negative = Rehash(bytes, b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(FirstScale), -1f));
        Assert.Contains("Scale 0 is -1", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(negative)).Message);
        var nan = Rehash(bytes, b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(FirstScale + 4), float.NaN));
        Assert.Contains("NaN", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(nan)).Message);
    }

    [Fact]
    public void ConstructorRefusesUnusableScales()
    {
        Assert.ThrowsAny<ArgumentException>(() => new LogCompressionLayer([]));
        Assert.Throws<ArgumentException>(() => new LogCompressionLayer([1f, float.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => new LogCompressionLayer([-0.5f]));
        Assert.Throws<ArgumentException>(() => new NetworkArchitecture(3, [new LogCompressionSpec(Scales)]).Build(new DeterministicRandom(1)));
    }
}
