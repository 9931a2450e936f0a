using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;

namespace MlNetNeural.Tests.Core;

/// <summary>Two optimizer steps on one weight (w₀ = 1, gradients 0.5 then −0.2, η = 0.1) against values worked out by hand.</summary>
public class OptimizerTests
{
    private static readonly float[] Gradients = [0.5f, -0.2f];

    [Theory]
    // Plain SGD: w₁ = 1 − 0.1·0.5 = 0.95; w₂ = 0.95 + 0.1·0.2 = 0.97.
    [InlineData(0f, false, 0.95, 0.97)]
    // Momentum 0.9: v₁ = 0.5, w₁ = 0.95; v₂ = 0.45 − 0.2 = 0.25, w₂ = 0.95 − 0.025 = 0.925.
    [InlineData(0.9f, false, 0.95, 0.925)]
    // Nesterov: v₁ = 0.5, step₁ = 0.5 + 0.45 = 0.95, w₁ = 0.905; v₂ = 0.25, step₂ = −0.2 + 0.225 = 0.025, w₂ = 0.9025.
    [InlineData(0.9f, true, 0.905, 0.9025)]
    public void SgdMatchesHandComputedSteps(float momentum, bool nesterov, double first, double second)
    {
        var (w, steps) = Run(new SgdOptimizer(momentum, nesterov));
        Assert.Equal(first, steps[0], 6);
        Assert.Equal(second, steps[1], 6);
        Assert.Equal(second, w.Values[0], 6);
    }

    [Fact]
    public void AdamMatchesHandComputedSteps()
    {
        // t=1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25 → w₁ = 1 − 0.1·0.5/0.5 = 0.9.
        // t=2: m = 0.025, v = 0.00028975, m̂ = 0.025/0.19, v̂ = 0.00028975/0.001999 → w₂ = 0.86543942.
        var (_, steps) = Run(new AdamOptimizer());
        Assert.Equal(0.9, steps[0], 6);
        Assert.Equal(0.86543942, steps[1], 6);
    }

    [Fact]
    public void AdamWDecaysWeightMatricesBeforeTheAdamStepButNotBiases()
    {
        // w₁ = 1·(1 − 0.1·0.1) − 0.1 = 0.89; w₂ = 0.89·0.99 − 0.03456058 = 0.84653942.
        var (weight, steps) = Run(new AdamOptimizer(decoupledWeightDecay: 0.1f));
        Assert.Equal(0.89, steps[0], 6);
        Assert.Equal(0.84653942, steps[1], 6);
        var (_, biasSteps) = Run(new AdamOptimizer(decoupledWeightDecay: 0.1f), isWeightMatrix: false);
        Assert.Equal(0.86543942, biasSteps[1], 6);
        Assert.True(weight.IsWeightMatrix);
    }

    [Fact]
    public void VectorisedAdamEqualsTheScalarFormulaOnEveryElement()
    {
        const int Length = 91; // five 16-float vectors, one 8-float vector and a scalar remainder: every path of the update
        var random = new MlNetNeural.Core.Randomness.DeterministicRandom(3);
        var w = new Parameter("w", Length, isWeightMatrix: true);
        for (int i = 0; i < Length; i++) w.Values[i] = random.NextGaussian();
        float[] expected = (float[])w.Values.Clone(), m = new float[Length], v = new float[Length];
        var adam = new AdamOptimizer(decoupledWeightDecay: 0.05f);
        for (int t = 1; t <= 3; t++)
        {
            for (int i = 0; i < Length; i++) w.Gradient[i] = random.NextGaussian();
            adam.Step([w], 0.01f);
            float stepSize = (float)(0.01f * Math.Sqrt(1 - Math.Pow(0.999f, t)) / (1 - Math.Pow(0.9f, t)));
            float epsilonHat = (float)(1e-8f * Math.Sqrt(1 - Math.Pow(0.999f, t)));
            float decay = 1f - 0.01f * 0.05f;
            for (int i = 0; i < Length; i++)
            {
                float g = w.Gradient[i];
                m[i] = 0.9f * m[i] + (1f - 0.9f) * g;
                v[i] = 0.999f * v[i] + (1f - 0.999f) * g * g;
                expected[i] = expected[i] * decay - stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilonHat);
            }
            Assert.Equal(expected, w.Values);
        }
    }

    [Fact]
    public void L2PenaltyAddsLambdaTimesWeightToWeightGradientsOnly()
    {
        var weight = new Parameter("w", 2, isWeightMatrix: true);
        var bias = new Parameter("b", 1, isWeightMatrix: false);
        weight.Values[0] = 2f; weight.Values[1] = -4f; weight.Gradient[0] = 1f;
        bias.Values[0] = 3f; bias.Gradient[0] = 1f;
        GradientAdjustments.AddL2Penalty([weight, bias], 0.5f);
        Assert.Equal([2f, -2f], weight.Gradient);
        Assert.Equal(1f, bias.Gradient[0]);
    }

    [Fact]
    public void TheProximalTermPullsEveryParameterTowardsItsReference()
    {
        var weight = new Parameter("w", 2, true);
        var bias = new Parameter("b", 1, false);
        weight.Values[0] = 2f; weight.Values[1] = -4f; weight.Gradient[0] = 1f;
        bias.Values[0] = 3f; bias.Gradient[0] = 1f;
        GradientAdjustments.AddProximalTerm([weight, bias], new ProximalAnchor([[1f, -4f], [5f]], 0.5f));
        Assert.Equal([1.5f, 0f], weight.Gradient); // 1 + 0.5·(2 − 1), 0 + 0.5·(−4 + 4)
        Assert.Equal(0f, bias.Gradient[0]);        // 1 + 0.5·(3 − 5)
    }

    [Fact]
    public void AProximalAnchorMustFitTheNetwork()
    {
        var network = new NetworkArchitecture(2, [3], Activation.ReLU, 0f, 1).Build(new DeterministicRandom(1));
        ProximalAnchor.AtCurrentWeights(network, 0.1f).CheckFits(network);
        Assert.Contains("4 parameters", Assert.Throws<ArgumentException>(() => new ProximalAnchor([[0f]], 0.1f).CheckFits(network)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProximalAnchor.AtCurrentWeights(network, -1f).CheckFits(network));
        var trained = new NetworkTrainer(new TrainerSettings { MaxEpochs = 3, Proximal = new ProximalAnchor([[0f]], 1f) });
        Assert.Throws<ArgumentException>(() => trained.Train(network, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(20, 1)));
    }

    [Fact]
    public void ClippingScalesAllGradientsToTheGlobalNorm()
    {
        var a = new Parameter("a", 1, true);
        var b = new Parameter("b", 1, false);
        a.Gradient[0] = 3f; b.Gradient[0] = 4f; // global norm 5
        double norm = GradientAdjustments.ClipByGlobalNorm([a, b], 1f);
        Assert.Equal(5.0, norm, 6);
        Assert.Equal(0.6f, a.Gradient[0], 6);
        Assert.Equal(0.8f, b.Gradient[0], 6);
        GradientAdjustments.ClipByGlobalNorm([a, b], 10f);
        Assert.Equal(0.6f, a.Gradient[0], 6); // below the limit: unchanged
    }

    [Fact]
    public void InvalidHyperParametersAreRejectedWithTheirName()
    {
        Assert.Contains("Momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer(1.5f)).Message);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new SgdOptimizer(0f, nesterov: true)).Message);
        Assert.Contains("Beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(beta1: 1f)).Message);
    }

    private static (Parameter Weight, double[] Steps) Run(IOptimizer optimizer, bool isWeightMatrix = true)
    {
        var w = new Parameter("w", 1, isWeightMatrix);
        w.Values[0] = 1f;
        var steps = new double[Gradients.Length];
        for (int t = 0; t < Gradients.Length; t++)
        {
            w.Gradient[0] = Gradients[t];
            optimizer.Step([w], 0.1f);
            steps[t] = w.Values[0];
        }
        return (w, steps);
    }
}
