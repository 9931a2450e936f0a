using System.Buffers.Binary;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using static MlNetNeural.Tests.Core.CraftedNetworkFiles;
using static MlNetNeural.Tests.Core.DoubleReference;

namespace MlNetNeural.Tests.Core;

/// <summary>The feature-scaling layer: exact forward values, gradients against finite differences, and its file format.</summary>
public sealed class FeatureScalingLayerTests
{
    private const int Batch = 5, Features = 4;
    private static readonly float[] Shift = [1f, -2f, 0.5f, 10f];
    private static readonly float[] Scale = [0.5f, 2f, 1f, 0.01f];

    public static TheoryData<float, bool> Variants() => new() { { 0f, false }, { 0f, true }, { 2f, false }, { 1.5f, true } };

    [Fact]
    public void ForwardComputesShiftScaleClipAndGainByHand()
    {
        var layer = new FeatureScalingLayer([1f, 0f], [2f, 1f], clipBound: 3f, learnableGain: true);
        layer.Gain!.Values[1] = 0.5f;
        var buffers = layer.CreateBuffers(1);
        layer.Forward([2.5f, 4f], buffers, 1, ForwardMode.Inference);
        // (2.5 − 1)·2 = 3 → 3/√2; (4 − 0)·1 = 4 → 4/√(1 + 16/9) = 2.4, then gain 0.5 → 1.2
        Assert.Equal(3f / MathF.Sqrt(2f), buffers.Output[0], 6);
        Assert.Equal(1.2f, buffers.Output[1], 6);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryValueGetsTheBitsOfTheScalarDefinition(float clipBound, bool learnableGain)
    {
        // 37 features: whole vectors of every width and a scalar tail; values far enough out to reach the clip.
        const int features = 37, rows = 3;
        var random = new DeterministicRandom(29);
        float[] shift = Enumerable.Range(0, features).Select(_ => random.NextGaussian()).ToArray();
        float[] scale = Enumerable.Range(0, features).Select(_ => 0.1f + random.NextFloat()).ToArray();
        var layer = new FeatureScalingLayer(shift, scale, clipBound, learnableGain);
        if (layer.Gain is { } gain) for (int j = 0; j < features; j++) gain.Values[j] = 0.5f + random.NextFloat();
        float[] x = Enumerable.Range(0, rows * features).Select(_ => 8f * random.NextGaussian()).ToArray();

        foreach (var mode in new[] { ForwardMode.Inference, new ForwardMode(true, new DeterministicRandom(1), 1) })
        {
            var buffers = layer.CreateBuffers(rows);
            layer.Forward(x, buffers, rows, mode);
            for (int i = 0; i < x.Length; i++)
            {
                int j = i % features;
                float value = (x[i] - shift[j]) * scale[j];
                if (clipBound > 0f)
                {
                    float ratio = value * (1f / clipBound);
                    value /= MathF.Sqrt(1f + ratio * ratio);
                }
                if (layer.Gain is { } g) value *= g.Values[j];
                Assert.True(BitConverter.SingleToInt32Bits(value) == BitConverter.SingleToInt32Bits(buffers.Output[i]),
                    $"value {i}: {buffers.Output[i]:R}, by the definition {value:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void TheForwardPassSplitBetweenThreadsGivesTheBitsOfOneThread(float clipBound, bool learnableGain)
    {
        // 200 rows of 100 features: above the size from which the pass splits between threads.
        const int features = 100, rows = 200;
        var random = new DeterministicRandom(31);
        var layer = new FeatureScalingLayer([.. Enumerable.Range(0, features).Select(_ => random.NextGaussian())],
            [.. Enumerable.Range(0, features).Select(_ => 0.1f + random.NextFloat())], clipBound, learnableGain);
        float[] x = [.. Enumerable.Range(0, rows * features).Select(_ => 8f * random.NextGaussian())];
        float[] Output(int threads)
        {
            var buffers = layer.CreateBuffers(rows);
            layer.Forward(x, buffers, rows, new ForwardMode(false, null, threads));
            return buffers.Output;
        }
        // Each row alone, one chunk of one row: the pass's rows and chunks must give the same values wherever a row sits.
        var single = layer.CreateBuffers(1);
        float[] rowByRow = [.. Enumerable.Range(0, rows).SelectMany(row =>
        {
            layer.Forward(x.AsSpan(row * features, features), single, 1, ForwardMode.Inference);
            return single.Output.Take(features).ToArray();
        })];

        Assert.Equal(rowByRow.Select(BitConverter.SingleToInt32Bits), Output(1).Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(Output(1).Select(BitConverter.SingleToInt32Bits), Output(2).Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void GradientsMatchFiniteDifferences(float clipBound, bool learnableGain)
    {
        var random = new DeterministicRandom(11);
        var network = new NetworkArchitecture(Features,
        [
            new FeatureScalingSpec(Shift, Scale, clipBound, learnableGain),
            new DenseSpec(6, new Activation(ActivationKind.Tanh)),
            new DenseSpec(2, Activation.Identity),
        ]).Build(random);
        if (network.Layers[0] is FeatureScalingLayer { Gain: { } gain })
            for (int j = 0; j < Features; j++) gain.Values[j] = 0.5f + random.NextFloat();
        // Raw values on the features' own scales, so that the clip is reached for some of them.
        float[] x = Enumerable.Range(0, Batch * Features).Select(i => Shift[i % Features] + 3f * random.NextGaussian() / Scale[i % Features]).ToArray();
        float[] targets = Enumerable.Range(0, Batch * 2).Select(_ => random.NextGaussian()).ToArray();
        var loss = new MeanSquaredErrorLoss(2);

        var workspace = network.CreateWorkspace(Batch);
        var y = network.Forward(x, workspace, Batch, new ForwardMode(true, new DeterministicRandom(1), 1));
        var outputGradient = new float[Batch * 2];
        loss.Compute(y, targets, default, Batch, outputGradient);
        var inputGradient = new float[Batch * Features];
        network.Backward(x, workspace, outputGradient, Batch, 1, inputGradient);

        var parameters = CopyParameters(network);
        double Reference(double[] input) => Loss(LossKind.Mse, Forward(network, parameters, input, Batch), targets, null, Batch, 2);
        double[] input = x.Select(v => (double)v).ToArray();
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                double original = parameters[p][i];
                const double h = 1e-6;
                parameters[p][i] = original + h;
                double plus = Reference(input);
                parameters[p][i] = original - h;
                double minus = Reference(input);
                parameters[p][i] = original;
                AssertClose((plus - minus) / (2 * h), network.Parameters[p].Gradient[i], $"{network.Parameters[p].Name}[{i}]");
            }
        }
        AssertInputGradients(x, Reference, inputGradient, value => 1e-6 * Math.Max(1, Math.Abs(value)));
        Assert.Equal(learnableGain ? 5 : 4, network.Parameters.Count);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SavedAndLoadedItScoresBitForBitAndDescribesItself(float clipBound, bool learnableGain)
    {
        var network = new NetworkArchitecture(Features, [new FeatureScalingSpec(Shift, Scale, clipBound, learnableGain), new DenseSpec(1, Activation.Identity)])
            .Build(new DeterministicRandom(3));
        if (network.Layers[0] is FeatureScalingLayer { Gain: { } gain }) gain.Values[2] = 1.75f;
        byte[] bytes = NetworkSerializer.ToBytes(network);
        var loaded = NetworkSerializer.FromBytes(bytes);

        Assert.Equal(bytes, NetworkSerializer.ToBytes(loaded));
        var scaling = Assert.IsType<FeatureScalingLayer>(loaded.Layers[0]);
        Assert.Equal(Shift, scaling.Shift.ToArray());
        Assert.Equal(clipBound, scaling.ClipBound);
        Assert.Equal(learnableGain, scaling.Gain is not null);
        float[] x = [1f, 2f, 3f, 4f, -1f, 0f, 30f, 1000f];
        Assert.Equal(Outputs(network, x), Outputs(loaded, x));
        Assert.StartsWith("feature scaling of 4 inputs", loaded.Describe()[0]);
        Assert.Equal(clipBound > 0, loaded.Describe()[0].Contains("smooth clip", StringComparison.Ordinal));
    }

    [Fact]
    public void CorruptScalingFieldsAreRefusedByName()
    {
        var network = new Network([new FeatureScalingLayer(Shift, Scale, 3f, learnableGain: true), new DenseLayer(Features, 1, Activation.Identity)]);
        byte[] bytes = NetworkSerializer.ToBytes(network);
        const int SizeOffset = 4 + 4 + 4 + 1, FlagsOffset = SizeOffset + 4 + 4;
        var badFlags = Rehash(bytes, b => b[FlagsOffset] = 9);
        Assert.Contains("flags 9", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(badFlags)).Message);
        var hugeSize = Rehash(bytes, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(SizeOffset), int.MaxValue));
        Assert.Contains("shifts and scales of layer 0", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(hugeSize)).Message);
        var nanShift = Rehash(bytes, b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(FlagsOffset + 1), float.NaN));
        Assert.Contains("finite", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(nanShift)).Message);
    }

    [Fact]
    public void ConstructorRefusesMismatchedOrNonFiniteValues()
    {
        Assert.Throws<ArgumentException>(() => new FeatureScalingLayer([0f, 0f], [1f]));
        Assert.Throws<ArgumentException>(() => new FeatureScalingLayer([float.PositiveInfinity], [1f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureScalingLayer([0f], [1f], clipBound: -1f));
        Assert.Throws<ArgumentException>(() => new NetworkArchitecture(3, [new FeatureScalingSpec(Shift, Scale)]).Build(new DeterministicRandom(1)));
    }

    private static float[] Outputs(Network network, float[] x) =>
        network.Forward(x, network.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray();
}
