using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Tests.Core;

/// <summary>The fused, range-split update gives the bits of the separate passes it replaces.</summary>
public class ParameterUpdateTests
{
    public static TheoryData<string, bool> Optimizers()
    {
        var cases = new TheoryData<string, bool>();
        foreach (string optimizer in new[] { "adam", "adamw", "sgd-nesterov" })
        {
            cases.Add(optimizer, true);
            cases.Add(optimizer, false);
        }
        return cases;
    }

    private static IOptimizer Create(string name) => name switch
    {
        "adam" => new AdamOptimizer(),
        "adamw" => new AdamOptimizer(decoupledWeightDecay: 0.01f),
        _ => new SgdOptimizer(0.9f, nesterov: true),
    };

    /// <summary>
    /// With a proximal term and pruning masks the update adjusts each range's gradients first; with the L2 penalty alone
    /// the optimizer takes the penalty in as it reads the gradients. Either way the bits of the separate passes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void FusedStepsEqualTheSeparatePassesBitForBit(string optimizer, bool withProximalTermAndMasks)
    {
        // 9,000 weights: three ranges, the last one partial; biases: one short range.
        var (fused, separate) = (Network(), Network());
        var anchor = withProximalTermAndMasks ? ProximalAnchor.AtCurrentWeights(fused, 0.05f) : null;
        var (fusedMasks, separateMasks) = withProximalTermAndMasks ? (Masks(fused), Masks(separate)) : (null, null);
        var (fusedOptimizer, separateOptimizer) = (Create(optimizer), Create(optimizer));
        var update = ParameterUpdate.For(fused.Parameters, fusedOptimizer, 1e-3f, anchor, fusedMasks, clipNorm: null, threads: 2)!;
        for (int step = 0; step < 4; step++)
        {
            FillGradients(fused, step);
            FillGradients(separate, step);
            update.Apply(0.01f);
            GradientAdjustments.AddL2Penalty(separate.Parameters, 1e-3f);
            if (anchor is not null) GradientAdjustments.AddProximalTerm(separate.Parameters, anchor);
            separateMasks?.MaskGradients();
            separateOptimizer.Step(separate.Parameters, 0.01f);
            separateMasks?.ApplyToWeights();
        }
        for (int p = 0; p < fused.Parameters.Count; p++)
            Assert.Equal(Bits(separate.Parameters[p].Values), Bits(fused.Parameters[p].Values));
        if (withProximalTermAndMasks) Assert.Contains(0f, fused.DenseLayers.First().Weights.Values);
    }

    [Fact]
    public void ClippingScalesByTheGlobalNormLikeTheSeparatePass()
    {
        var (fused, separate) = (Network(), Network());
        var (fusedOptimizer, separateOptimizer) = (new AdamOptimizer(), new AdamOptimizer());
        var update = ParameterUpdate.For(fused.Parameters, fusedOptimizer, 0f, null, null, clipNorm: 0.5f, threads: 2)!;
        for (int step = 0; step < 3; step++)
        {
            FillGradients(fused, step);
            FillGradients(separate, step);
            update.Apply(0.01f);
            double norm = GradientAdjustments.ClipByGlobalNorm(separate.Parameters, 0.5f);
            Assert.True(norm > 0.5, "the gradients must be large enough to be clipped");
            separateOptimizer.Step(separate.Parameters, 0.01f);
        }
        // The norm sums the squares range by range, so it may differ from one sequential sum in its last bits.
        for (int p = 0; p < fused.Parameters.Count; p++)
            for (int i = 0; i < fused.Parameters[p].Values.Length; i++)
                Assert.Equal(separate.Parameters[p].Values[i], fused.Parameters[p].Values[i], 1e-6f);
    }

    [Fact]
    public void ACustomOptimizerGetsTheSeparatePasses() =>
        Assert.Null(ParameterUpdate.For(Network().Parameters, new CountingOptimizer(), 0f, null, null, null, threads: 2));

    private sealed class CountingOptimizer : IOptimizer
    {
        public void Step(IReadOnlyList<Parameter> parameters, float learningRate) { }
    }

    private static Network Network() =>
        new NetworkArchitecture(90, [new DenseSpec(100, Activation.ReLU), new DenseSpec(3, Activation.Identity)]).Build(new DeterministicRandom(4));

    private static PruningMasks Masks(Network network)
    {
        var masks = new PruningMasks(network, [0], PruningScope.PerLayer);
        masks.Update(0.3f);
        return masks;
    }

    private static void FillGradients(Network network, int step)
    {
        var random = new DeterministicRandom((ulong)(100 + step));
        foreach (var parameter in network.Parameters)
            for (int i = 0; i < parameter.Gradient.Length; i++) parameter.Gradient[i] = random.NextGaussian() * 0.1f;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
