using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Onnx.MlNet;
using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>Networks with each non-dense layer kind (feature scaling, periodic embeddings) export to ONNX and score like the managed network.</summary>
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
