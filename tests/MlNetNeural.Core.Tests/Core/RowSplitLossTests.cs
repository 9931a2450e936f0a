using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Tests.Core;

/// <summary>A training run's loss split by rows between the compute team's threads: the bits of the sequential loss.</summary>
public class RowSplitLossTests
{
    [Theory]
    [InlineData(1, false, 0f)]
    [InlineData(2, false, 0f)]
    [InlineData(2, true, 0.1f)]
    [InlineData(3, true, 0f)]
    public void GivesTheSequentialLossAndGradientBitForBit(int threads, bool weighted, float labelSmoothing)
    {
        const int Batch = 53, Classes = 7;
        var loss = new SoftmaxCrossEntropyLoss(Classes, [1f, 2f, 0.5f, 1f, 1f, 3f, 1f], labelSmoothing);
        var random = new DeterministicRandom(17);
        var outputs = new float[Batch * Classes];
        for (int i = 0; i < outputs.Length; i++) outputs[i] = 8f * random.NextFloat() - 4f;
        var targets = new float[Batch];
        for (int i = 0; i < Batch; i++) targets[i] = random.NextInt(Classes);
        float[] weights = weighted ? Enumerable.Range(0, Batch).Select(i => 0.5f + i % 3).ToArray() : [];

        var expectedGradient = new float[Batch * Classes];
        double expected = loss.Compute(outputs, targets, weights, Batch, expectedGradient);
        var gradient = new float[Batch * Classes];
        double actual;
        using (ComputeTeam.Enter(threads))
        {
            actual = new RowSplitLoss(64).Compute(loss, outputs, targets, weights, Batch, gradient, threads);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        Assert.Equal(expectedGradient, gradient);
        Assert.Contains(gradient, value => value != 0f);
    }
}
