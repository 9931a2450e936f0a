using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Tests.Measuring;

namespace MlNetNeural.Tests.Core.Attribution;

/// <summary>
/// Attributions against values computed by hand: exact on linear networks, the closed form of integrated gradients on a
/// one-unit tanh network, finite differences for gradient × input, completeness on deeper networks.
/// </summary>
public sealed class FeatureAttributorTests
{
    private static readonly AttributionSettings IntegratedGradients = new();
    private static readonly AttributionSettings GradientTimesInput = new() { Method = AttributionMethod.GradientTimesInput };

    public static TheoryData<AttributionMethod> Methods() => new() { AttributionMethod.IntegratedGradients, AttributionMethod.GradientTimesInput };

    [Theory]
    [MemberData(nameof(Methods))]
    public void LinearNetworkGivesWeightTimesDistanceFromBaselineForEveryOutput(AttributionMethod method)
    {
        var random = new DeterministicRandom(3);
        var network = new NetworkArchitecture(5, [], Activation.ReLU, 0f, 3).Build(random);
        var dense = network.DenseLayers.Single();
        float[] x = [1.5f, -2f, 0.25f, 4f, -0.5f];
        float[] baseline = [0.5f, 1f, -1f, 0f, 2f];
        var attributor = new FeatureAttributor(network, baseline, new AttributionSettings { Method = method });
        var contributions = new float[5];
        for (int output = 0; output < 3; output++)
        {
            attributor.Attribute(x, 1, [output], contributions);
            for (int i = 0; i < 5; i++)
            {
                float expected = dense.Weights.Values[output * 5 + i] * (x[i] - baseline[i]);
                Assert.Equal(expected, contributions[i], 1e-6f * Math.Max(1f, Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void FeatureScalingLayerIsPartOfTheAttributionToTheRawFeatures()
    {
        // f(x) = Σ wᵢ·gᵢ·sᵢ·(xᵢ − shiftᵢ): contributions to the raw features are wᵢ·gᵢ·sᵢ·(xᵢ − bᵢ).
        float[] shift = [10f, -3f, 0f], scale = [0.1f, 2f, 0.5f], weights = [1.5f, -0.5f, 2f];
        var scaling = new FeatureScalingLayer(shift, scale, learnableGain: true);
        scaling.Gain!.Values[2] = 3f;
        var dense = new DenseLayer(3, 1, Activation.Identity);
        weights.CopyTo(dense.Weights.Values, 0);
        var network = new Network([scaling, dense]);
        float[] x = [30f, 1f, -2f], baseline = [12f, -3f, 1f];
        var contributions = new float[3];
        new FeatureAttributor(network, baseline, IntegratedGradients).Attribute(x, 1, [0], contributions);
        float[] gain = [1f, 1f, 3f];
        for (int i = 0; i < 3; i++) Assert.Equal(weights[i] * gain[i] * scale[i] * (x[i] - baseline[i]), contributions[i], 4);
    }

    [Fact]
    public void IntegratedGradientsMatchTheClosedFormOfAOneUnitTanhNetwork()
    {
        // f(x) = v·tanh(w·x + c) + u. Along x(α) = b + α·d the gradient is v·wᵢ·sech²(z(α)) with z linear in α, so
        // IGᵢ = dᵢ·wᵢ / (w·d) · (f(x) − f(b)): the change is shared in proportion to wᵢ·dᵢ.
        float[] w = [0.8f, -1.2f, 0.3f, 0.5f];
        const float c = 0.2f, v = 1.7f, u = -0.4f;
        var hidden = new DenseLayer(4, 1, new Activation(ActivationKind.Tanh));
        w.CopyTo(hidden.Weights.Values, 0);
        hidden.Bias.Values[0] = c;
        var output = new DenseLayer(1, 1, Activation.Identity);
        output.Weights.Values[0] = v;
        output.Bias.Values[0] = u;
        var network = new Network([hidden, output]);
        float[] x = [1f, -0.5f, 2f, 0.7f], b = [-0.3f, 0.4f, 0f, -1f];

        double Z(float[] point) => w.Select((wi, i) => (double)wi * point[i]).Sum() + c;
        double change = v * (Math.Tanh(Z(x)) - Math.Tanh(Z(b)));
        double wd = w.Select((wi, i) => (double)wi * (x[i] - b[i])).Sum();
        var contributions = new float[4];
        new FeatureAttributor(network, b, IntegratedGradients).Attribute(x, 1, [0], contributions);
        for (int i = 0; i < 4; i++) Assert.Equal(w[i] * (x[i] - b[i]) / wd * change, contributions[i], 5);
    }

    [Fact]
    public void GradientTimesInputMatchesCentralFiniteDifferences()
    {
        var random = new DeterministicRandom(5);
        var network = new NetworkArchitecture(6, [8, 5], new Activation(ActivationKind.Tanh), 0f, 2).Build(random);
        float[] x = Enumerable.Range(0, 6).Select(_ => random.NextGaussian()).ToArray();
        float[] baseline = Enumerable.Range(0, 6).Select(_ => 0.5f * random.NextGaussian()).ToArray();
        var workspace = network.CreateWorkspace(1);
        var contributions = new float[6];
        new FeatureAttributor(network, baseline, GradientTimesInput).Attribute(x, 1, [1], contributions);
        const float H = 1e-2f;
        for (int i = 0; i < 6; i++)
        {
            float saved = x[i];
            x[i] = saved + H;
            float up = network.Forward(x, workspace, 1, ForwardMode.Inference)[1];
            x[i] = saved - H;
            float down = network.Forward(x, workspace, 1, ForwardMode.Inference)[1];
            x[i] = saved;
            float expected = (up - down) / (2 * H) * (x[i] - baseline[i]);
            Assert.True(Math.Abs(expected - contributions[i]) <= 1e-3f * Math.Max(1f, Math.Abs(expected)), $"feature {i}: {contributions[i]} vs finite differences {expected}");
        }
    }

    /// <summary>
    /// Piecewise-linear networks (the default ReLU, LeakyReLU) are integrated exactly on the linear pieces of the path, so
    /// the sum matches to float precision; smooth ones by Gauss–Legendre at the default step count, well within 1 %.
    /// </summary>
    [Theory]
    [InlineData(ActivationKind.ReLU, 1e-4)]
    [InlineData(ActivationKind.LeakyReLU, 1e-4)]
    [InlineData(ActivationKind.Gelu, 1e-2)]
    [InlineData(ActivationKind.Tanh, 1e-2)]
    public void IntegratedGradientsAddUpToTheChangeOfTheOutput(ActivationKind activation, double relativeTolerance)
    {
        var random = new DeterministicRandom(17);
        var network = new NetworkArchitecture(10, [32, 16], new Activation(activation, 0.1f), 0.2f, 3).Build(random);
        float[] baseline = Enumerable.Range(0, 10).Select(_ => 0.3f * random.NextGaussian()).ToArray();
        var attributor = new FeatureAttributor(network, baseline, IntegratedGradients);
        Assert.Equal(activation is ActivationKind.ReLU or ActivationKind.LeakyReLU, attributor.IsExact);
        var workspace = network.CreateWorkspace(1);
        float[] atBaseline = network.Forward(baseline, workspace, 1, ForwardMode.Inference).ToArray();
        var contributions = new float[10];
        for (int trial = 0; trial < 20; trial++)
        {
            float[] x = Enumerable.Range(0, 10).Select(_ => random.NextGaussian()).ToArray();
            int output = trial % 3;
            float change = network.Forward(x, workspace, 1, ForwardMode.Inference)[output] - atBaseline[output];
            attributor.Attribute(x, 1, [output], contributions);
            float sum = contributions.Sum();
            Assert.True(Math.Abs(sum - change) <= relativeTolerance * Math.Abs(change) + 1e-5, $"trial {trial}: contributions add up to {sum}, the output changed by {change}");
        }
    }

    /// <summary>
    /// Feature by feature, the exact integral over linear pieces agrees with Gauss–Legendre at the most points allowed
    /// (which converges to it, slowly, because the gradient jumps at every kink).
    /// </summary>
    [Fact]
    public void LinearPiecesAgreeWithFineQuadratureFeatureByFeature()
    {
        var random = new DeterministicRandom(19);
        var network = new NetworkArchitecture(6, [24, 12], Activation.ReLU, 0f, 2).Build(random);
        float[] baseline = Enumerable.Range(0, 6).Select(_ => 0.2f * random.NextGaussian()).ToArray();
        var exact = new FeatureAttributor(network, baseline, IntegratedGradients);
        var fine = new FeatureAttributor(network, baseline, IntegratedGradients with { Rule = IntegrationRule.GaussLegendre, IntegrationSteps = AttributionSettings.MaxIntegrationSteps });
        Assert.True(exact.IsExact);
        Assert.False(fine.IsExact);
        var byPieces = new float[6];
        var byQuadrature = new float[6];
        for (int trial = 0; trial < 10; trial++)
        {
            float[] x = Enumerable.Range(0, 6).Select(_ => random.NextGaussian()).ToArray();
            exact.Attribute(x, 1, [trial % 2], byPieces);
            fine.Attribute(x, 1, [trial % 2], byQuadrature);
            float scale = byPieces.Max(Math.Abs);
            for (int i = 0; i < 6; i++) Assert.True(Math.Abs(byPieces[i] - byQuadrature[i]) <= 2e-3f * scale, $"trial {trial}, feature {i}: {byPieces[i]} vs {byQuadrature[i]}");
        }
    }

    [Fact]
    public void SmoothLayersFallBackToQuadrature()
    {
        var random = new DeterministicRandom(2);
        Network Build(params LayerSpec[] layers) => new NetworkArchitecture(3, layers).Build(random);
        var relu = new DenseSpec(4, Activation.ReLU);
        var output = new DenseSpec(1, Activation.Identity);
        bool Exact(Network network, AttributionSettings settings) => new FeatureAttributor(network, new float[3], settings).IsExact;
        Assert.True(Exact(Build(new FeatureScalingSpec([1f, 2f, 3f], [1f, 1f, 1f], LearnableGain: true), relu, new DropoutSpec(0.5f), output), IntegratedGradients));
        Assert.True(Exact(Build(new FeatureScalingSpec([1f, 2f, 3f], [1f, 1f, 1f], ClipBound: 3f), relu, output), IntegratedGradients));
        Assert.False(Exact(Build(new DenseSpec(4, new Activation(ActivationKind.Sigmoid)), output), IntegratedGradients));
        Assert.False(Exact(Build(relu, new FeatureScalingSpec([1f, 2f, 3f, 4f], [1f, 1f, 1f, 1f], ClipBound: 3f), output), IntegratedGradients));
        Assert.False(Exact(Build(relu, output), IntegratedGradients with { Rule = IntegrationRule.RiemannMidpoint }));
        Assert.False(Exact(Build(relu, output), GradientTimesInput));
    }

    /// <summary>
    /// A smooth clip in the first layer bends the path in the scaled features; followed as straight chords, the
    /// contributions still add up exactly, and feature by feature they agree with 4,096-point Gauss–Legendre on the
    /// straight path in the raw features (which is integrated gradients by definition).
    /// </summary>
    [Fact]
    public void AClippedFeatureScalingFirstLayerKeepsTheSumExactAndTheShareCloseToIntegratedGradients()
    {
        var random = new DeterministicRandom(31);
        float[] shift = [0.5f, -1f, 2f, 0f, 1f], scale = [1.5f, 0.8f, 2f, 1f, 0.6f];
        var network = new NetworkArchitecture(5,
            [new FeatureScalingSpec(shift, scale, ClipBound: 1.5f, LearnableGain: true), new DenseSpec(24, Activation.ReLU), new DenseSpec(12, Activation.ReLU), new DenseSpec(2, Activation.Identity)])
            .Build(random);
        float[] baseline = [0.5f, -1f, 2f, 0f, 1f];
        var exact = new FeatureAttributor(network, baseline, IntegratedGradients);
        var fine = new FeatureAttributor(network, baseline, IntegratedGradients with { Rule = IntegrationRule.GaussLegendre, IntegrationSteps = AttributionSettings.MaxIntegrationSteps });
        var workspace = network.CreateWorkspace(1);
        float atBaseline = network.Forward(baseline, workspace, 1, ForwardMode.Inference)[1];
        var byPieces = new float[5];
        var byQuadrature = new float[5];
        for (int trial = 0; trial < 10; trial++)
        {
            float[] x = Enumerable.Range(0, 5).Select(i => shift[i] + 2.5f * random.NextGaussian() / scale[i]).ToArray();
            exact.Attribute(x, 1, [1], byPieces);
            fine.Attribute(x, 1, [1], byQuadrature);
            float change = network.Forward(x, workspace, 1, ForwardMode.Inference)[1] - atBaseline;
            Assert.True(Math.Abs(byPieces.Sum() - change) <= 1e-4f * Math.Abs(change) + 1e-5f, $"trial {trial}: {byPieces.Sum()} vs {change}");
            float scale2 = byPieces.Max(Math.Abs);
            for (int i = 0; i < 5; i++) Assert.True(Math.Abs(byPieces[i] - byQuadrature[i]) <= 5e-3f * scale2, $"trial {trial}, feature {i}: {byPieces[i]} vs {byQuadrature[i]}");
        }
    }

    /// <summary>A periodic embedding (not piecewise linear) goes through quadrature, with its input gradient, and still adds up.</summary>
    [Fact]
    public void APeriodicEmbeddingIsAttributedByQuadratureThroughItsInputGradient()
    {
        var random = new DeterministicRandom(37);
        var network = new NetworkArchitecture(4, [new PeriodicEmbeddingSpec([0, 2], Sigma: 0.3f), new DenseSpec(16, new Activation(ActivationKind.Gelu)), new DenseSpec(1, Activation.Identity)])
            .Build(random);
        float[] baseline = new float[4];
        var attributor = new FeatureAttributor(network, baseline, IntegratedGradients);
        Assert.False(attributor.IsExact); // GELU behind the embedding: quadrature
        var workspace = network.CreateWorkspace(1);
        float atBaseline = network.Forward(baseline, workspace, 1, ForwardMode.Inference)[0];
        var contributions = new float[4];
        for (int trial = 0; trial < 10; trial++)
        {
            float[] x = Enumerable.Range(0, 4).Select(_ => 2f * random.NextGaussian()).ToArray();
            attributor.Attribute(x, 1, [0], contributions);
            float change = network.Forward(x, workspace, 1, ForwardMode.Inference)[0] - atBaseline;
            Assert.True(Math.Abs(contributions.Sum() - change) <= 0.01f * Math.Abs(change) + 1e-5f, $"trial {trial}: {contributions.Sum()} vs {change}");
            Assert.NotEqual(0f, contributions[0]); // the embedded feature's gradient arrives
        }
    }

    /// <summary>
    /// The trainer's default front (robust scaling with a smooth clip, then periodic embeddings) before ReLU layers: the
    /// sum is exact on the chords of the curved path, and the share agrees with 4,096-point Gauss–Legendre.
    /// </summary>
    [Fact]
    public void ScalingAndPeriodicEmbeddingsInFrontOfReluLayersKeepTheSumExact()
    {
        var random = new DeterministicRandom(41);
        float[] shift = [0f, 1f, -1f, 0.5f], scale = [1f, 0.5f, 2f, 1.5f];
        var network = new NetworkArchitecture(4,
            [new FeatureScalingSpec(shift, scale, ClipBound: 3f), new PeriodicEmbeddingSpec([0, 1, 3], Sigma: 0.1f), new DenseSpec(24, Activation.ReLU),
             new DenseSpec(12, Activation.ReLU), new DenseSpec(1, Activation.Identity)]).Build(random);
        float[] baseline = [0f, 1f, -1f, 0.5f];
        var exact = new FeatureAttributor(network, baseline, IntegratedGradients);
        var fine = new FeatureAttributor(network, baseline, IntegratedGradients with { Rule = IntegrationRule.GaussLegendre, IntegrationSteps = AttributionSettings.MaxIntegrationSteps });
        Assert.True(exact.IsExact);
        var workspace = network.CreateWorkspace(1);
        float atBaseline = network.Forward(baseline, workspace, 1, ForwardMode.Inference)[0];
        var byPieces = new float[4];
        var byQuadrature = new float[4];
        for (int trial = 0; trial < 10; trial++)
        {
            float[] x = Enumerable.Range(0, 4).Select(i => shift[i] + 2f * random.NextGaussian() / scale[i]).ToArray();
            exact.Attribute(x, 1, [0], byPieces);
            fine.Attribute(x, 1, [0], byQuadrature);
            float change = network.Forward(x, workspace, 1, ForwardMode.Inference)[0] - atBaseline;
            Assert.True(Math.Abs(byPieces.Sum() - change) <= 1e-4f * Math.Abs(change) + 1e-5f, $"trial {trial}: {byPieces.Sum()} vs {change}");
            float largest = byPieces.Max(Math.Abs);
            for (int i = 0; i < 4; i++) Assert.True(Math.Abs(byPieces[i] - byQuadrature[i]) <= 5e-3f * largest, $"trial {trial}, feature {i}: {byPieces[i]} vs {byQuadrature[i]}");
        }
    }

    [Fact]
    public void SeveralRowsInOneCallGiveTheirOwnAttributions()
    {
        var random = new DeterministicRandom(23);
        var network = new NetworkArchitecture(7, [12], Activation.ReLU, 0f, 4).Build(random);
        float[] baseline = new float[7];
        float[] rows = Enumerable.Range(0, 3 * 7).Select(_ => random.NextGaussian()).ToArray();
        int[] outputs = [2, 0, 3];
        var together = new float[3 * 7];
        new FeatureAttributor(network, baseline, IntegratedGradients, maxRows: 3).Attribute(rows, 3, outputs, together);
        var single = new FeatureAttributor(network, baseline, IntegratedGradients);
        var alone = new float[7];
        for (int row = 0; row < 3; row++)
        {
            single.Attribute(rows.AsSpan(row * 7, 7), 1, [outputs[row]], alone);
            for (int i = 0; i < 7; i++) Assert.Equal(alone[i], together[row * 7 + i], 5);
        }
    }

    [Fact]
    public void PredictOutputsNamesTheLargestOutputOfEachRow()
    {
        var network = new NetworkArchitecture(2, [], Activation.ReLU, 0f, 3).Build(new DeterministicRandom(1));
        var dense = network.DenseLayers.Single();
        dense.Weights.Values.AsSpan().Clear();
        dense.Weights.Values[0] = 1f;  // output 0 = x₀
        dense.Weights.Values[3] = 1f;  // output 1 = x₁
        dense.Bias.Values[2] = 0.5f;   // output 2 = 0.5
        var predicted = new int[3];
        new FeatureAttributor(network, new float[2], IntegratedGradients, maxRows: 3).PredictOutputs([2f, 0f, 0f, 3f, 0f, 0f], 3, predicted);
        Assert.Equal([0, 1, 2], predicted);
    }

    [Fact]
    public void AttributingARowAllocatesNothing()
    {
        var random = new DeterministicRandom(29);
        var network = new NetworkArchitecture(30, [64, 32], Activation.ReLU, 0.1f, 1).Build(random);
        var attributor = new FeatureAttributor(network, new float[30], IntegratedGradients);
        float[] x = Enumerable.Range(0, 30).Select(_ => random.NextGaussian()).ToArray();
        var contributions = new float[30];
        int[] output = [0];
        attributor.Attribute(x, 1, output, contributions);
        Assert.Equal(0, ThreadAllocations.Least(() =>
        {
            for (int i = 0; i < 20; i++) attributor.Attribute(x, 1, output, contributions);
        }));
    }

    [Fact]
    public void BadArgumentsAreRefusedWithWhatIsWrong()
    {
        var network = new NetworkArchitecture(3, [4], Activation.ReLU, 0f, 2).Build(new DeterministicRandom(1));
        Assert.Contains("2 values; the network reads 3", Assert.Throws<ArgumentException>(() => new FeatureAttributor(network, new float[2], IntegratedGradients)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new FeatureAttributor(network, [0f, float.NaN, 0f], IntegratedGradients)).Message);
        var attributor = new FeatureAttributor(network, new float[3], IntegratedGradients);
        var contributions = new float[3];
        Assert.Contains("outputs 0 to 1", Assert.Throws<ArgumentOutOfRangeException>(() => attributor.Attribute([1f, 2f, 3f], 1, [2], contributions)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => attributor.Attribute([1f, 2f, 3f, 4f, 5f, 6f], 2, [0, 0], new float[6]));
    }
}
