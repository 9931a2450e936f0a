using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Onnx.MlNet;
using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>Networks with each non-dense layer kind (log compression, feature scaling, periodic embeddings) export to ONNX and score like the managed network.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class LayerKindExportTests
{
    private const int Features = 6, Rows = 200;

    public static TheoryData<float, bool> Variants() => new() { { 0f, false }, { 3f, false }, { 3f, true }, { 0f, true } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void OnnxRuntimeAgreesWithTheManagedNetworkTo1e5(float clipBound, bool learnableGain)
    {
        var random = new DeterministicRandom(5);
        float[] shift = Enumerable.Range(0, Features).Select(j => j == 2 ? 0f : 10f * random.NextGaussian()).ToArray();
        float[] scale = Enumerable.Range(0, Features).Select(_ => 0.05f + random.NextFloat()).ToArray();
        var network = new NetworkArchitecture(Features,
        [
            new FeatureScalingSpec(shift, scale, clipBound, learnableGain),
            new DenseSpec(8, Activation.ReLU), new DropoutSpec(0.2f), new DenseSpec(3, Activation.Identity),
        ]).Build(random);
        if (network.Layers[0] is FeatureScalingLayer { Gain: { } gain })
            for (int j = 0; j < Features; j++) gain.Values[j] = 0.2f + 2f * random.NextFloat();
        float[] rows = Enumerable.Range(0, Rows * Features).Select(i => shift[i % Features] + 8f * random.NextGaussian() / scale[i % Features]).ToArray();

        var description = new OnnxMlpDescription(Features, MlpNetworkDescription.Layers(network), OnnxMlpHead.Multiclass);
        Assert.IsType<OnnxFeatureScalingLayer>(description.Layers[0]);
        Assert.Equal(3, description.Layers.Count); // dropout is the identity at inference and is left out
        AssertAgreement(network, description, rows);
    }

    [Fact]
    public void PeriodicEmbeddingsAfterTheScalingAgreeTo1e5()
    {
        var random = new DeterministicRandom(9);
        float[] shift = new float[Features], scale = Enumerable.Repeat(0.5f, Features).ToArray();
        var network = new NetworkArchitecture(Features,
        [
            new FeatureScalingSpec(shift, scale, ClipBound: 3f),
            new PeriodicEmbeddingSpec([0, 2, 3, 5], Sigma: 0.4f),
            new DenseSpec(8, Activation.ReLU), new DenseSpec(3, Activation.Identity),
        ]).Build(random);
        float[] rows = Enumerable.Range(0, Rows * Features).Select(_ => 4f * random.NextGaussian()).ToArray();
        var description = new OnnxMlpDescription(Features, MlpNetworkDescription.Layers(network), OnnxMlpHead.Multiclass);
        Assert.IsType<OnnxPeriodicEmbeddingLayer>(description.Layers[1]);
        AssertAgreement(network, description, rows);
    }

    [Fact]
    public void LogCompressionAgreesTo1e5FromTinyToTheLargestFloatsAndNegativeValues()
    {
        float[] scales = [1f, 0f, 1e-3f, 250f, 1e-30f, 7.5f];
        float[] special = [0f, -0f, 1e-30f, 1e-6f, -0.5f, 1f, 3e4f, -2e9f, 1e30f, -3e38f, float.MaxValue, float.MinValue];
        var random = new DeterministicRandom(21);
        float[] rows = Enumerable.Range(0, Rows * Features)
            .Select(i => i < special.Length * Features ? special[i / Features] : MathF.Exp(12f * random.NextGaussian()) * (random.NextFloat() < 0.3f ? -1f : 1f)).ToArray();
        // One output per feature (a dense layer that picks it), so every compressed value is compared as it is.
        for (int feature = 0; feature < Features; feature++)
        {
            float[] pick = new float[Features];
            pick[feature] = 1f;
            var network = new Network([new LogCompressionLayer(scales), new DenseLayer(Features, 1, Activation.Identity)]);
            pick.CopyTo(((DenseLayer)network.Layers[1]).Weights.Values, 0);
            var description = new OnnxMlpDescription(Features, MlpNetworkDescription.Layers(network), OnnxMlpHead.Regression);
            Assert.IsType<OnnxLogCompressionLayer>(description.Layers[0]);
            var onnx = OnnxScoring.Run(OnnxMlpWriter.ToBytes(description), description.InputName, rows, Features);
            float[] managed = network.Forward(rows, network.CreateWorkspace(Rows), Rows, ForwardMode.Inference).ToArray();
            float[] exported = (float[])onnx[OnnxMlpColumnNames.Score].Values;
            for (int row = 0; row < Rows; row++)
            {
                double error = Math.Abs((double)managed[row] - exported[row]) / Math.Max(1, Math.Abs((double)managed[row]));
                Assert.True(error <= 1e-5, $"feature {feature}, x = {rows[row * Features + feature]:R}: managed {managed[row]:R}, ONNX {exported[row]:R}");
            }
        }
    }

    [Fact]
    public void LogCompressionInFrontOfTheScalingAndEmbeddingsAgreesTo1e5()
    {
        var random = new DeterministicRandom(23);
        var network = new NetworkArchitecture(Features,
        [
            new LogCompressionSpec([2f, 0f, 0.5f, 10f, 0f, 1f]),
            new FeatureScalingSpec(Enumerable.Repeat(0.7f, Features).ToArray(), Enumerable.Repeat(0.9f, Features).ToArray(), ClipBound: 3f, LearnableGain: true),
            new PeriodicEmbeddingSpec([0, 2, 3, 5], Sigma: 0.4f),
            new DenseSpec(8, Activation.ReLU), new DenseSpec(3, Activation.Identity),
        ]).Build(random);
        float[] rows = Enumerable.Range(0, Rows * Features).Select(_ => MathF.Exp(3f * random.NextGaussian()) * (random.NextFloat() < 0.2f ? -1f : 1f)).ToArray();
        var description = new OnnxMlpDescription(Features, MlpNetworkDescription.Layers(network), OnnxMlpHead.Multiclass);
        Assert.IsType<OnnxLogCompressionLayer>(description.Layers[0]);
        AssertAgreement(network, description, rows);
        var invalid = new OnnxLayer[] { new OnnxLogCompressionLayer([1f, -2f]), new OnnxDenseLayer(2, 1, new float[2], new float[1], OnnxActivation.Identity) };
        Assert.Contains("Layer 0: Scales[1] is -2", Assert.Throws<ArgumentException>(() =>
            OnnxMlpWriter.ToBytes(new OnnxMlpDescription(2, invalid, OnnxMlpHead.Regression))).Message);
    }

    private static void AssertAgreement(Network network, OnnxMlpDescription description, float[] rows)
    {
        var onnx = OnnxScoring.Run(OnnxMlpWriter.ToBytes(description), description.InputName, rows, Features);
        float[] logits = network.Forward(rows, network.CreateWorkspace(Rows), Rows, ForwardMode.Inference).ToArray();
        float[] probabilities = new float[logits.Length];
        for (int row = 0; row < Rows; row++) Softmax.Compute(logits.AsSpan(row * 3, 3), probabilities.AsSpan(row * 3, 3));
        float[] exported = (float[])onnx[OnnxMlpColumnNames.Score].Values;
        double maxError = probabilities.Zip(exported, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.True(maxError <= 1e-5, $"max |ONNX - managed| = {maxError:E2}");
    }

    [Fact]
    public void InvalidScalingValuesAreRefusedByName()
    {
        var layers = new OnnxLayer[] { new OnnxFeatureScalingLayer([0f, 1f], [1f, float.NaN]), new OnnxDenseLayer(2, 1, new float[2], new float[1], OnnxActivation.Identity) };
        var error = Assert.Throws<ArgumentException>(() => OnnxMlpWriter.ToBytes(new OnnxMlpDescription(2, layers, OnnxMlpHead.Regression)));
        Assert.Contains("Layer 0: Scale[1] is NaN", error.Message);
        var badGain = new OnnxLayer[] { new OnnxFeatureScalingLayer([0f, 1f], [1f, 1f], 2f, [1f]), layers[1] };
        Assert.Contains("Layer 0: Gain has 1 values", Assert.Throws<ArgumentException>(() =>
            OnnxMlpWriter.ToBytes(new OnnxMlpDescription(2, badGain, OnnxMlpHead.Regression))).Message);
    }
}
